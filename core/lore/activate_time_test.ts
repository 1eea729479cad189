/**
 * Pins the time budget of one activation (activate.ts, time_budget.ts) on a fake clock: past
 * it, entries whose keys were not looked for are cut with reason `time`, constants still fire,
 * and the clock is read before each key, so one entry with many keys is cut too.
 */
import assert from "node:assert/strict";
import { activateLore, LORE_TIME_BUDGET_MS } from "./activate.ts";
import type { LoreEntry } from "./book.ts";

function entry(keys: string[], content: string, constant = false): LoreEntry {
  return {
    keys,
    content,
    extensions: {},
    enabled: true,
    insertion_order: 100,
    use_regex: false,
    constant,
  };
}

/** A clock that moves 1 ms each time it is read. */
function ticking(): () => number {
  let now = 0;
  return () => now++;
}

function run(entries: LoreEntry[], ms: number) {
  return activateLore({
    books: [{ id: "b", name: "B", book: { extensions: {}, entries } }],
    messages: [{ name: "", text: "k" }],
    timeBudget: { ms, now: ticking() },
  });
}

Deno.test("the time budget defaults to 250 ms", () => {
  assert.equal(LORE_TIME_BUDGET_MS, 250);
});

Deno.test("past the time budget, entries not yet scanned are cut with reason time", () => {
  const entries = Array.from({ length: 10 }, (_, i) => entry(["k"], `e${i}`));
  // The clock is read once at the start, then before each key: 1 ms per read.
  const result = run(entries, 3);
  assert.deepEqual(result.fired.map((f) => f.content), ["e0", "e1", "e2"]);
  assert.deepEqual(result.cut.map((c) => [c.entry, c.reason]), [
    [3, "time"],
    [4, "time"],
    [5, "time"],
    [6, "time"],
    [7, "time"],
    [8, "time"],
    [9, "time"],
  ]);
  assert.deepEqual(run(entries, 100).cut, [], "within budget nothing is cut");
});

Deno.test("constants fire past the budget; an entry with many keys is cut between them", () => {
  const many = entry(Array.from({ length: 50 }, (_, i) => `miss${i}`), "many");
  const result = run([many, entry([], "always", true), entry(["k"], "late")], 10);
  assert.deepEqual(result.fired.map((f) => f.content), ["always"]);
  assert.deepEqual(result.cut.map((c) => [c.entry, c.reason]), [[0, "time"], [2, "time"]]);
});
