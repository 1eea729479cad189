import assert from "node:assert/strict";
import { LIMIT_CUTS_BUILT } from "./in_play.ts";
import { activateLore, parseLorebook } from "./mod.ts";
import { chatLoreReport, testLoreReport } from "./report.ts";

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

Deno.test("past the first 64 limit cuts, entries are counted, not built; the totals stay exact", () => {
  // 1,000 entries past the limit, every tenth disabled (not cut, not counted).
  const entries = Array.from({ length: 1_004 }, (_, i) => ({
    keys: ["dragon"],
    content: `entry ${i}`,
    enabled: i % 10 !== 9,
  }));
  const big = { id: "big", name: "big", book: parseLorebook({ name: "big", entries }) };
  const activation = activateLore({
    books: [big],
    messages: [{ name: "user", text: "a dragon" }],
    maxEntries: 4,
  });
  const skipped = entries.slice(4).filter((entry) => entry.enabled).length;
  assert.equal(skipped, 900);
  assert.equal(activation.cut.length, LIMIT_CUTS_BUILT, "only the listed ones are built");
  assert.equal(activation.cut.length + (activation.cut_unbuilt ?? 0), skipped);
  const chat = chatLoreReport(activation);
  assert.equal(chat.lore_skipped_total, skipped);
  assert.deepEqual(
    chat.lore_skipped.map((cut) => cut.entry),
    activation.cut.slice(0, chat.lore_skipped.length).map((cut) => cut.entry),
  );
  assert.equal(testLoreReport(activation).cut_total, skipped);
  // Under the bound, nothing is counted apart: every limit cut is built.
  const small = activateLore({
    books: [big],
    messages: [{ name: "user", text: "a dragon" }],
    maxEntries: 1_000,
  });
  assert.equal(small.cut_unbuilt, undefined);
  assert.equal(small.cut.filter((cut) => cut.reason === "limit").length, 4);
});
