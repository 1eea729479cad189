import assert from "node:assert/strict";
import { chatLoreReport, firstOf } from "./report.ts";

Deno.test("firstOf stops at the count or the bytes, whichever comes first", () => {
  assert.deepEqual(firstOf([1, 2, 3], { entries: 2, bytes: 100 }), [1, 2]);
  assert.deepEqual(firstOf(["aaaa", "bbbb"], { entries: 9, bytes: 8 }), ["aaaa"]);
  assert.deepEqual(firstOf(["é".repeat(10)], { entries: 9, bytes: 20 }), [], "UTF-8 bytes");
});

Deno.test("a chat's lore report keeps its totals only when a list is cut", () => {
  const fired = (i: number) => ({
    lorebook_id: "b",
    lorebook_name: "n".repeat(5000),
    entry: i,
    label: "l",
    via: "constant" as const,
    step: 0,
    position: "before_char" as const,
    insertion_order: i,
    tokens: 1,
    content: "c",
  });
  const small = chatLoreReport({ fired: [fired(0)], cut: [] });
  assert.deepEqual(Object.keys(small), ["lore_used", "lore_skipped"]);
  const big = chatLoreReport({ fired: Array.from({ length: 100 }, (_, i) => fired(i)), cut: [] });
  assert.equal(big.lore_used_total, 100);
  assert.ok(JSON.stringify(big).length < 64 * 1024 + 100);
  assert.ok(!("content" in big.lore_used[0]!));
});
