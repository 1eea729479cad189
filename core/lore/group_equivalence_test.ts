/**
 * Ordinary SillyTavern books with inclusion groups activate as before the group bounds
 * (attack32 H1, H2): the rules as they were (copied below) and the bounded ones keep and drop
 * the same hits for seeded random steps (weighted draw, prioritised, scored, sticky, groups
 * fired earlier), and the score counted while a hit's keys are looked for equals the score of
 * every key looked for again.
 */
import assert from "node:assert/strict";
import type { LoreEntry } from "./book.ts";
import { type Candidate, candidates } from "./candidate.ts";
import { type Hit, tryCandidate } from "./candidate_scan.ts";
import { controlsOf } from "./controls.ts";
import { applyInclusionGroups, type GroupContext, scoreFound } from "./groups.ts";
import { keyMatches, ScanText } from "./match.ts";
import { Deadline } from "./time_budget.ts";
import { LORE_DEFAULTS } from "./activation_types.ts";
import { SeededRandom } from "../simulation/random.ts";

/** Seeded numbers in [0, 1). */
function seeded(seed: number): () => number {
  const source = new SeededRandom(seed);
  return () => source.next();
}

// The rules before the bounds (main at d2ac90f3), kept verbatim as the reference they are
// compared with (a copy on purpose: the point is that the new rules decide as these did).
/** The hits that stay, in their order, and those their groups dropped. */
function referenceGroups(
  hits: readonly Hit[],
  context: GroupContext,
): { kept: Hit[]; dropped: Hit[] } {
  const groups = new Map<string, Hit[]>();
  for (const hit of hits) {
    for (const name of hit.candidate.controls.groups) {
      const members = groups.get(name);
      if (members) members.push(hit);
      else groups.set(name, [hit]);
    }
  }
  if (groups.size === 0) return { kept: [...hits], dropped: [] };
  const removed = new Set<Hit>();
  const allBut = (members: readonly Hit[], winner: Hit | null) => {
    for (const hit of members) if (hit !== winner) removed.add(hit);
  };
  for (const [name, all] of groups) {
    const sticky = all.filter(context.sticky);
    if (sticky.length > 0) {
      for (const hit of all) if (!sticky.includes(hit)) removed.add(hit);
      continue;
    }
    let members = all;
    if (members.some((hit) => hit.candidate.controls.groupScoring)) {
      const scores = members.map(context.score);
      const best = Math.max(...scores);
      const low = members.filter((hit, i) =>
        hit.candidate.controls.groupScoring && scores[i]! < best
      );
      allBut(low, null);
      members = members.filter((hit) => !low.includes(hit));
    }
    if (context.fired.has(name)) {
      allBut(members, null);
      continue;
    }
    if (members.length <= 1) continue;
    const overrides = members.filter((hit) => hit.candidate.controls.groupOverride);
    if (overrides.length > 0) {
      const order = (hit: Hit) => hit.candidate.entry.insertion_order;
      const winner = overrides.reduce((best, hit) => order(hit) > order(best) ? hit : best);
      allBut(members, winner);
      continue;
    }
    const total = members.reduce((sum, hit) => sum + hit.candidate.controls.groupWeight, 0);
    const roll = context.random() * total;
    let reached = 0;
    const winner = members.find((hit) => (reached += hit.candidate.controls.groupWeight) >= roll);
    allBut(members, winner ?? members[members.length - 1]!);
  }
  return {
    kept: hits.filter((hit) => !removed.has(hit)),
    dropped: hits.filter((hit) => removed.has(hit)),
  };
}

/** The score before the bounds: every key looked for again. */
function referenceScore(candidate: Candidate, text: ScanText): number {
  const found = (keys: readonly string[]) =>
    keys.filter((key) => keyMatches(text, candidate.substitute(key), candidate.match)).length;
  const primary = found(candidate.keys);
  if (candidate.keys.length === 0 || candidate.secondary.length === 0) return primary;
  return scoreFound(candidate, { primary, secondary: found(candidate.secondary) });
}

const WORDS = ["sun", "rain", "wind", "song", "sing", "cat", "ghost", "night", "sea", "fog"];
const NAMES = ["weather", "songs", "mood", "place"];

function randomEntry(random: () => number, index: number): LoreEntry {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const some = (count: number) =>
    Array.from({ length: 1 + Math.floor(random() * count) }, () => pick(WORDS));
  const groups = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(NAMES));
  const extensions: Record<string, unknown> = {
    group: [...new Set(groups)].join(", "),
    group_weight: pick([50, 100, 100, 300]),
    group_override: random() < 0.2,
    use_group_scoring: random() < 0.5,
    selectiveLogic: pick([0, 0, 1, 2, 3]),
    match_whole_words: random() < 0.3,
  };
  return {
    keys: some(5),
    secondary_keys: random() < 0.4 ? some(3) : [],
    selective: true,
    content: `e${index}`,
    extensions,
    enabled: true,
    insertion_order: Math.floor(random() * 200),
    use_regex: false,
    constant: random() < 0.1,
  };
}

Deno.test("the score counted as keys are looked for is the score of every key looked for", () => {
  for (let seed = 1; seed <= 200; seed++) {
    const random = seeded(seed);
    const entries = Array.from({ length: 20 }, (_, i) => randomEntry(random, i));
    const text = new ScanText(
      Array.from({ length: 12 }, () => WORDS[Math.floor(random() * 10)]).join(" "),
    );
    const book = { id: "b", name: "B", book: { extensions: {}, entries } };
    const all = candidates({ books: [book], messages: [] }, LORE_DEFAULTS);
    for (const candidate of all) {
      const hit = tryCandidate(candidate, {
        scan: () => text,
        step: 0,
        deadline: new Deadline(),
        score: true,
      });
      if (hit?.found) {
        assert.equal(
          scoreFound(candidate, hit.found),
          referenceScore(candidate, text),
          `seed ${seed}`,
        );
      }
    }
  }
});

Deno.test("the group rules keep and drop what they did: draw, priority, scoring, sticky, fired", () => {
  for (let seed = 1; seed <= 500; seed++) {
    const random = seeded(seed);
    const hits: Hit[] = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) => {
      const entry = randomEntry(random, i);
      const candidate = { entry, controls: controlsOf(entry) } as unknown as Candidate;
      return { candidate, via: "key" as const };
    });
    const scores = new Map(hits.map((hit) => [hit, Math.floor(random() * 4)]));
    const sticky = new Set(hits.filter(() => random() < 0.1));
    const fired = new Set(NAMES.filter(() => random() < 0.15));
    const draws = Array.from({ length: 20 }, random);
    const context = (): GroupContext => {
      let at = 0;
      return {
        fired,
        sticky: (hit) => sticky.has(hit),
        score: (hit) => scores.get(hit)!,
        random: () => draws[at++]!,
      };
    };
    const before = referenceGroups(hits, context());
    const after = applyInclusionGroups(hits, context());
    assert.deepEqual(after.kept, before.kept, `seed ${seed}`);
    assert.deepEqual(after.dropped, before.dropped, `seed ${seed}`);
    assert.deepEqual(after.timedOut, []);
  }
});
