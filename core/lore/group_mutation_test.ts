/**
 * Pins of fix128's bounds that mutation testing (mut46) found loose: the lorebook upload's
 * value bound (920,000 = twice `LORE_LIMITS.values` + 24 a entry), the groups cut when scoring
 * runs out of time (the group being decided and every later one, not only the later ones), and
 * a character filter of a single name.
 */
import assert from "node:assert/strict";
import { LORE_LIMITS, LORE_UPLOAD_VALUES, type LoreEntry } from "./book.ts";
import type { Candidate } from "./candidate.ts";
import type { Hit } from "./candidate_scan.ts";
import { controlsOf, passesCharacterFilter } from "./controls.ts";
import { applyInclusionGroups } from "./groups.ts";
import { OutOfTime } from "./time_budget.ts";

function hitOf(content: string, group: string): Hit {
  const entry: LoreEntry = {
    keys: ["k"],
    content,
    extensions: { group, use_group_scoring: true },
    enabled: true,
    insertion_order: 100,
    use_regex: false,
  };
  return { candidate: { entry, controls: controlsOf(entry) } as unknown as Candidate, via: "key" };
}

Deno.test("LORE_UPLOAD_VALUES is 920,000: twice LORE_LIMITS.values and 24 values an entry", () => {
  assert.equal(LORE_LIMITS.values, 400_000);
  assert.equal(LORE_LIMITS.entries, 5000);
  assert.equal(LORE_UPLOAD_VALUES, 920_000);
});

Deno.test("out of time in the first group: its hits are cut time too, not only later groups'", () => {
  const first = hitOf("a", "a");
  const second = hitOf("b", "b");
  const outcome = applyInclusionGroups([first, second], {
    fired: new Set(),
    sticky: () => false,
    score: () => {
      throw new OutOfTime();
    },
    random: () => 0,
  });
  assert.deepEqual(outcome.timedOut, [first, second]);
  assert.deepEqual(outcome.kept, []);
  assert.deepEqual(outcome.dropped, []);
});

Deno.test("a hit a decided group dropped is not cut time again by an undecided one", () => {
  const best = hitOf("best", "a");
  const low = hitOf("low", "a,b");
  const late = hitOf("late", "b");
  const scores = new Map([[best, 2], [low, 1]]);
  const outcome = applyInclusionGroups([best, low, late], {
    fired: new Set(),
    sticky: () => false,
    score: (hit) => {
      const score = scores.get(hit);
      if (score === undefined) throw new OutOfTime();
      return score;
    },
    random: () => 0,
  });
  assert.deepEqual(outcome.kept, [best]);
  assert.deepEqual(outcome.dropped, [low]);
  assert.deepEqual(outcome.timedOut, [late]);
});

Deno.test("a character filter of one name or one tag still filters", () => {
  const kira = { names: ["Kira"], tags: ["elf"] };
  const zed = { names: ["Zed"], tags: ["orc"] };
  const byName = { names: [" KIRA "], tags: [], isExclude: false };
  assert.equal(passesCharacterFilter(byName, kira), true);
  assert.equal(passesCharacterFilter(byName, zed), false);
  const byTag = { names: [], tags: ["Elf"], isExclude: false };
  assert.equal(passesCharacterFilter(byTag, kira), true);
  assert.equal(passesCharacterFilter(byTag, zed), false);
  const excluded = { names: ["kira"], tags: [], isExclude: true };
  assert.equal(passesCharacterFilter(excluded, kira), false);
  assert.equal(passesCharacterFilter(excluded, zed), true);
});
