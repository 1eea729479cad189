import assert from "node:assert/strict";
import { activateLore, parseLorebook } from "./mod.ts";

const book = (id: string, count: number) => ({
  id,
  name: id,
  book: parseLorebook({
    name: id,
    entries: Array.from({ length: count }, (_, i) => ({ keys: ["dragon"], content: `${id} ${i}` })),
  }),
});

Deno.test("entries past maxEntries are cut with reason limit, unscanned; the rest fire", () => {
  const activation = activateLore({
    books: [book("a", 3), book("b", 3), book("c", 2)],
    messages: [{ name: "user", text: "a dragon" }],
    maxEntries: 4,
  });
  assert.deepEqual(
    activation.fired.map((e) => `${e.lorebook_id}${e.entry}`).sort(),
    ["a0", "a1", "a2", "b0"],
  );
  assert.deepEqual(
    activation.cut.map((e) => `${e.lorebook_id}${e.entry}:${e.reason}`),
    ["b1:limit", "b2:limit", "c0:limit", "c1:limit"],
  );
});
