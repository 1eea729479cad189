/**
 * Pins the time budget of one activation (activate.ts, time_budget.ts) on a fake clock: past
 * it, entries whose keys were not looked for are cut with reason `time`, constants still fire,
 * and the clock is read before each regex key (so one entry with many keys is cut too) and every
 * 16th plain key.
 */
import assert from "node:assert/strict";
import { activateLore, LORE_TIME_BUDGET_MS } from "./activate.ts";
import { PLAIN_KEYS_PER_CLOCK_READ } from "./time_budget.ts";
import type { LoreEntry } from "./book.ts";
import { loreEntry } from "./testing/fixtures.ts";

const entry = loreEntry;

/** A clock that moves 1 ms each time it is read. */
function ticking(): () => number {
  let now = 0;
  return () => now++;
}

function run(entries: LoreEntry[], ms: number, now = ticking()) {
  return activateLore({
    books: [{ id: "b", name: "B", book: { extensions: {}, entries } }],
    messages: [{ name: "", text: "k" }],
    timeBudget: { ms, now },
  });
}

Deno.test("the time budget defaults to 250 ms", () => {
  assert.equal(LORE_TIME_BUDGET_MS, 250);
});

Deno.test("past the time budget, entries not yet scanned are cut with reason time", () => {
  const entries = Array.from({ length: 10 }, (_, i) => entry(["/k/"], `e${i}`));
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
  const many = entry(Array.from({ length: 50 }, (_, i) => `/miss${i}/`), "many");
  const result = run([many, entry([], "always", true), entry(["/k/"], "late")], 10);
  assert.deepEqual(result.fired.map((f) => f.content), ["always"]);
  assert.deepEqual(result.cut.map((c) => [c.entry, c.reason]), [[0, "time"], [2, "time"]]);
});

Deno.test("plain keys read the clock once every 16 keys", () => {
  assert.equal(PLAIN_KEYS_PER_CLOCK_READ, 16);
  let reads = 0;
  const counting = () => reads++ * 0;
  const entries = Array.from(
    { length: 10 },
    (_, i) => entry(["a", "b", "c", "d", "e", "f", "g", "h"], `e${i}`),
  );
  assert.deepEqual(run(entries, 100, counting).cut, []);
  assert.equal(reads, 1 + (10 * 8) / 16, "one read at the start, then one per 16 keys");
  reads = 0;
  run(entries.map((e) => ({ ...e, keys: e.keys.map((k) => `/${k}/`) })), 100, counting);
  assert.equal(reads, 1 + 10 * 8, "a regex key reads it each time");
});

Deno.test("replacing a key's macros counts against the time budget", () => {
  // The clock moves 10 ms per macro substitution, done as each key is looked for.
  let now = 0;
  const entries = Array.from({ length: 10 }, (_, i) => entry(["/{{char}}/"], `e${i}`));
  const result = activateLore({
    books: [{ id: "b", name: "B", book: { extensions: {}, entries } }],
    messages: [{ name: "", text: "k" }],
    substitute: (text) => (now += 10, text.replace("{{char}}", "k")),
    timeBudget: { ms: 50, now: () => now },
  });
  // Keys looked for at 0, 10, ..., 50 ms match; the rest are cut unscanned.
  assert.equal(result.fired.length, 6);
  assert.equal(result.cut.filter((c) => c.reason === "time").length, 4);
});
