import assert from "node:assert/strict";
import { InvalidInput } from "../errors.ts";
import { LORE_LIMITS, parseLorebook } from "./book.ts";

Deno.test("an entry without insertion_order, enabled or use_regex reads 100, true and false", () => {
  const book = parseLorebook({ entries: [{ keys: ["k"], content: "c" }] });
  const [entry] = book.entries;
  assert.deepEqual([entry?.insertion_order, entry?.enabled, entry?.use_regex], [100, true, false]);
});

Deno.test("a book holds at most LORE_LIMITS.entries (5000) entries", () => {
  assert.equal(LORE_LIMITS.entries, 5000);
  const entries = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ keys: [`k${i}`], content: "c" }));
  assert.equal(parseLorebook({ entries: entries(5000) }).entries.length, 5000);
  assert.throws(
    () => parseLorebook({ entries: entries(5001) }),
    (error) => error instanceof InvalidInput && /at most 5000 entries/.test(error.message),
  );
});
