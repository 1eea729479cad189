/**
 * Bounds of SillyTavern's inclusion groups in activation (attack32 H1, H2, L1), pinned without
 * timing: group scoring looks for keys under the activation's deadline (a clock that moves 1 ms
 * per read), an entry names at most 16 groups (read and import), each hit is scored once per
 * step however many groups it is in, and character filters are folded once.
 */
import assert from "node:assert/strict";
import { activateLore } from "./activate.ts";
import { type LoreEntry, parseLorebook } from "./book.ts";
import type { Candidate } from "./candidate.ts";
import type { Hit } from "./candidate_scan.ts";
import { controlsOf, passesCharacterFilter } from "./controls.ts";
import { MAX_ENTRY_GROUPS } from "./group_names.ts";
import { applyInclusionGroups } from "./groups.ts";
import { OutOfTime } from "./time_budget.ts";
import { InvalidInput } from "../errors.ts";

function entry(content: string, keys: string[], extensions: Record<string, unknown>): LoreEntry {
  return { keys, content, extensions, enabled: true, insertion_order: 100, use_regex: false };
}

/** A clock that moves 1 ms each time it is read, and how often it was. */
function ticking() {
  const clock = { reads: 0, now: () => clock.reads++ };
  return clock;
}

const scored = { group: "g", use_group_scoring: true };

Deno.test("group scoring looks for a hit's other keys under the deadline: past it, cut time", () => {
  const misses = Array.from({ length: 499 }, (_, i) => `/miss${i}/`);
  const entries = [entry("a", ["/k/", ...misses], scored), entry("b", ["/k/", ...misses], scored)];
  const clock = ticking();
  const result = activateLore({
    books: [{ id: "b", name: "B", book: { extensions: {}, entries } }],
    messages: [{ name: "", text: "k" }],
    timeBudget: { ms: 100, now: clock.now },
  });
  assert.deepEqual(result.fired, []);
  assert.deepEqual(result.cut.map((c) => [c.entry, c.reason]), [[0, "time"], [1, "time"]]);
  // Before: the clock was read three times and 1,000 keys were looked for past it.
  assert.ok(clock.reads <= 103, `the clock was read ${clock.reads} times`);
});

Deno.test("within the budget, scoring counts every key: scored hits below the best are dropped", () => {
  const entries = [
    entry("two", ["k", "x", "miss"], scored),
    entry("three", ["miss", "k", "x", "y"], scored),
    // Not scored itself (SillyTavern keeps it), so the draw is between it and "three".
    entry("one", ["k", "miss", "miss2"], { group: "g" }),
  ];
  const run = (draw: number) =>
    activateLore({
      books: [{ id: "b", name: "B", book: { extensions: {}, entries } }],
      messages: [{ name: "", text: "k x y" }],
      random: () => draw,
    }).fired.map((f) => f.content);
  assert.deepEqual(run(0), ["three"]);
  assert.deepEqual(run(0.99), ["one"]);
});

Deno.test("a constant in a scored group is scored under the deadline too", () => {
  const keys = Array.from({ length: 300 }, (_, i) => `/miss${i}/`);
  const constant = { ...entry("c", keys, scored), constant: true };
  const clock = ticking();
  const result = activateLore({
    books: [{ id: "b", name: "B", book: { extensions: {}, entries: [constant, constant] } }],
    messages: [{ name: "", text: "k" }],
    timeBudget: { ms: 50, now: clock.now },
  });
  assert.deepEqual(result.cut.map((c) => c.reason), ["time", "time"]);
  assert.ok(clock.reads <= 53, `the clock was read ${clock.reads} times`);
});

Deno.test("a whole-word key scans the newest scanWork / length characters, as a regex key", () => {
  const key = "w".repeat(1000); // scanChars(1000): 4,096 characters
  const words = { match_whole_words: true };
  const run = (text: string) =>
    activateLore({
      books: [{
        id: "b",
        name: "B",
        book: { extensions: {}, entries: [entry("e", [key], words)] },
      }],
      messages: [{ name: "", text }],
    }).fired.length;
  assert.equal(run(`${"x ".repeat(1000)}${key} tail`), 1);
  assert.equal(run(`${"x ".repeat(2100)}${key} tail`), 0, "past 4,096 characters");
});

Deno.test("an entry's groups are read up to MAX_ENTRY_GROUPS (16); an import naming more is refused", () => {
  assert.equal(MAX_ENTRY_GROUPS, 16);
  const names = Array.from({ length: 10_000 }, (_, i) => `g${i}`);
  const many = entry("e", ["k"], { group: names.join(",") });
  assert.deepEqual(controlsOf(many).groups, names.slice(0, 16));
  // Read as SillyTavern reads it: split on commas, trimmed, empty names left out.
  assert.deepEqual(controlsOf(entry("e", ["k"], { group: " a,b ,, c,\td," })).groups, [
    "a",
    "b",
    "c",
    "d",
  ]);
  const book = (count: number) => ({
    extensions: {},
    entries: [{ ...many, extensions: { group: names.slice(0, count).join(", ") } }],
  });
  assert.equal(parseLorebook(book(16)).entries.length, 1);
  assert.throws(() => parseLorebook(book(17)), (error: unknown) => {
    assert.ok(error instanceof InvalidInput);
    assert.deepEqual(error.data, {
      fields: [{
        field: "lorebook.entries.0.extensions.group",
        message: "must name at most 16 inclusion groups",
      }],
    });
    return true;
  });
});

/** Hits of entries each in the same 16 groups, with scoring. */
function groupedHits(count: number): Hit[] {
  const groups = Array.from({ length: 16 }, (_, i) => `g${i}`).join(",");
  return Array.from({ length: count }, (_, i) => {
    const e = { ...entry(`e${i}`, ["k"], { group: groups, use_group_scoring: true }) };
    const candidate = { entry: e, controls: controlsOf(e) } as unknown as Candidate;
    return { candidate, via: "key" as const };
  });
}

Deno.test("each hit is scored once per step, however many groups it is in", () => {
  const hits = groupedHits(50);
  const asked = new Map<Hit, number>();
  const outcome = applyInclusionGroups(hits, {
    fired: new Set(),
    sticky: () => false,
    score: (hit) => (asked.set(hit, (asked.get(hit) ?? 0) + 1), hits.indexOf(hit) % 7),
    random: () => 0.5,
  });
  assert.equal(asked.size, 50);
  assert.ok([...asked.values()].every((times) => times === 1), "scored once each");
  assert.equal(outcome.kept.length, 1);
  assert.equal(outcome.dropped.length, 49);
});

Deno.test("out of time while scoring: the hits of the groups not yet decided are cut time", () => {
  const hits = [...groupedHits(3)];
  const plain = entry("plain", ["k"], {});
  const loose: Hit = {
    candidate: { entry: plain, controls: controlsOf(plain) } as unknown as Candidate,
    via: "key",
  };
  let asked = 0;
  const outcome = applyInclusionGroups([...hits, loose], {
    fired: new Set(),
    sticky: () => false,
    score: () => {
      if (++asked > 1) throw new OutOfTime();
      return 1;
    },
    random: () => 0,
  });
  assert.deepEqual(outcome.timedOut, hits);
  assert.deepEqual(outcome.kept, [loose], "a hit of no group is not touched");
  assert.deepEqual(outcome.dropped, []);
});

/** An array that counts how often its names are walked (`map`, `some`, `filter`, `forEach`). */
function counted(items: string[]): { list: string[]; walks: () => number } {
  let walks = 0;
  const list = new Proxy(items, {
    get(target, property, receiver) {
      if (["map", "some", "filter", "forEach"].includes(property as string)) walks++;
      return Reflect.get(target, property, receiver);
    },
  });
  return { list, walks: () => walks };
}

Deno.test("character filters and the character are folded once, not per entry and activation", () => {
  const filterNames = counted(["Aria", " KIRA "]);
  const characterNames = counted(["kira"]);
  const filter = { names: filterNames.list, tags: [], isExclude: false };
  const character = { names: characterNames.list, tags: [] };
  for (let i = 0; i < 100; i++) assert.equal(passesCharacterFilter(filter, character), true);
  assert.equal(passesCharacterFilter(filter, { names: ["Zed"], tags: [] }), false);
  assert.ok(filterNames.walks() <= 1, `filter names walked ${filterNames.walks()} times`);
  assert.ok(characterNames.walks() <= 1, `character names walked ${characterNames.walks()} times`);
});
