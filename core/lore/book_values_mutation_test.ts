/** What `openBookValues` counts of an entry's secondary keys (review37). */
import assert from "node:assert/strict";
import { openBookValues } from "./book_values.ts";

const NAMES = {
  book: new Set(["name", "entries", "extensions"]),
  entry: new Set(["keys", "content", "extensions", "secondary_keys"]),
  own: ["position"],
};

Deno.test("openBookValues counts an entry's secondary keys as its keys", () => {
  const entry = { keys: ["a"], secondary_keys: ["b", "c", "d"], content: "c" };
  assert.equal(openBookValues({ name: "n", entries: [entry] }, NAMES, 1_000), 4);
});
