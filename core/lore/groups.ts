/**
 * SillyTavern's inclusion groups: of the entries that fired in one scan step and share a group,
 * one is kept. In order, per group (an entry may name several, comma-separated):
 *
 * 1. sticky entries of the group win it (all of them are kept);
 * 2. with group scoring, the scored entries that matched fewer keys than the best are dropped;
 * 3. a group that already has an entry in the prompt (from an earlier step) takes no other;
 * 4. of the entries with `group_override`, the highest `insertion_order` wins;
 * 5. else one is drawn at random, weighted by `group_weight` (default 100), with the
 *    activation's `random` (injectable: a seeded or fixed source makes it deterministic).
 *
 * An entry dropped from any of its groups does not fire (reported as cut, reason `group`).
 *
 * @module
 */
import type { Candidate } from "./candidate.ts";
import type { Hit, KeysFound } from "./candidate_scan.ts";
import { isPlainKey, keyMatches, type ScanText } from "./match.ts";
import { type Deadline, OutOfTime } from "./time_budget.ts";

/** What the group rules read besides the hits. */
export interface GroupContext {
  /** Groups of entries already in the prompt from earlier steps. */
  fired: ReadonlySet<string>;
  /** Whether the hit's entry is sticky (a timed effect). */
  sticky: (hit: Hit) => boolean;
  /**
   * The hit's score for group scoring (keys matched), asked at most once per hit and call; may
   * throw `OutOfTime` (the activation's deadline), which cuts the hits of the groups not yet
   * decided (`timedOut`).
   */
  score: (hit: Hit) => number;
  /** Random numbers in [0, 1). */
  random: () => number;
}

/** What the group rules keep and drop of one step's hits. */
export interface GroupOutcome {
  /** The hits that stay, in their order. */
  kept: Hit[];
  /** The hits a group dropped (reason `group`). */
  dropped: Hit[];
  /** The hits of groups left undecided when scoring ran out of time (reason `time`). */
  timedOut: Hit[];
}

/**
 * Applies the group rules to one step's hits. Each group costs time in its members (Sets, no
 * `includes` over members), each hit is scored at most once however many groups it is in, and
 * an entry names at most `MAX_ENTRY_GROUPS` groups (attack32 H2).
 */
export function applyInclusionGroups(hits: readonly Hit[], context: GroupContext): GroupOutcome {
  const groups = new Map<string, Hit[]>();
  for (const hit of hits) {
    for (const name of hit.candidate.controls.groups) {
      const members = groups.get(name);
      if (members) members.push(hit);
      else groups.set(name, [hit]);
    }
  }
  if (groups.size === 0) return { kept: [...hits], dropped: [], timedOut: [] };
  const removed = new Set<Hit>();
  const undecided = new Set<Hit>();
  const scores = new Map<Hit, number>();
  const scoreOf = (hit: Hit) => {
    let score = scores.get(hit);
    if (score === undefined) scores.set(hit, score = context.score(hit));
    return score;
  };
  const rules = { context, removed, scoreOf };
  const names = [...groups.keys()];
  for (let i = 0; i < names.length; i++) {
    try {
      decideGroup(names[i]!, groups.get(names[i]!)!, rules);
    } catch (error) {
      if (!(error instanceof OutOfTime)) throw error;
      for (const name of names.slice(i)) {
        for (const hit of groups.get(name)!) if (!removed.has(hit)) undecided.add(hit);
      }
      break;
    }
  }
  const out = (hit: Hit) => removed.has(hit) || undecided.has(hit);
  return {
    kept: hits.filter((hit) => !out(hit)),
    dropped: hits.filter((hit) => removed.has(hit)),
    timedOut: hits.filter((hit) => undecided.has(hit) && !removed.has(hit)),
  };
}

/** SillyTavern's rules for group `name` of the step (see the module doc). */
function decideGroup(
  name: string,
  all: readonly Hit[],
  { context, removed, scoreOf }: {
    context: GroupContext;
    removed: Set<Hit>;
    scoreOf: (hit: Hit) => number;
  },
): void {
  const allBut = (members: readonly Hit[], winner: Hit | null) => {
    for (const hit of members) if (hit !== winner) removed.add(hit);
  };
  const sticky = new Set(all.filter(context.sticky));
  if (sticky.size > 0) {
    for (const hit of all) if (!sticky.has(hit)) removed.add(hit);
    return;
  }
  let members = all;
  if (members.some((hit) => hit.candidate.controls.groupScoring)) {
    const scores = members.map(scoreOf);
    const best = scores.reduce((max, score) => Math.max(max, score), -Infinity);
    const low = new Set(
      members.filter((hit, i) => hit.candidate.controls.groupScoring && scores[i]! < best),
    );
    allBut([...low], null);
    members = members.filter((hit) => !low.has(hit));
  }
  if (context.fired.has(name)) {
    allBut(members, null);
    return;
  }
  if (members.length <= 1) return;
  const overrides = members.filter((hit) => hit.candidate.controls.groupOverride);
  if (overrides.length > 0) {
    const order = (hit: Hit) => hit.candidate.entry.insertion_order;
    const winner = overrides.reduce((best, hit) => order(hit) > order(best) ? hit : best);
    allBut(members, winner);
    return;
  }
  const total = members.reduce((sum, hit) => sum + hit.candidate.controls.groupWeight, 0);
  const roll = context.random() * total;
  let reached = 0;
  const winner = members.find((hit) => (reached += hit.candidate.controls.groupWeight) >= roll);
  allBut(members, winner ?? members[members.length - 1]!);
}

/**
 * SillyTavern's group score, from the keys found: one point per primary key; with secondary
 * keys, one per secondary key found under AND ANY, all of them under AND ALL when all are found,
 * none under NOT ANY and NOT ALL.
 */
export function scoreFound(candidate: Candidate, found: KeysFound): number {
  const { primary, secondary } = found;
  if (candidate.keys.length === 0 || candidate.secondary.length === 0) return primary;
  if (candidate.logic === 0) return primary + secondary;
  if (candidate.logic === 3 && secondary === candidate.secondary.length) {
    return primary + secondary;
  }
  return primary;
}

/**
 * The group score of `candidate` over `text`, every key looked for under `deadline` (for hits
 * whose keys were not looked for as they fired: constants, decorators, sticky entries).
 */
export function groupScore(candidate: Candidate, text: ScanText, deadline: Deadline): number {
  const found = (keys: readonly string[]) =>
    keys.filter((key) => {
      deadline.check(isPlainKey(key.trim(), candidate.match));
      return keyMatches(text, candidate.substitute(key), candidate.match);
    }).length;
  const primary = found(candidate.keys);
  const secondary = candidate.keys.length > 0 ? found(candidate.secondary) : 0;
  return scoreFound(candidate, { primary, secondary });
}

/**
 * The candidates whose group score may be asked: those in a group where any candidate in play
 * uses group scoring (SillyTavern scores every member of such a group, and drops the scored
 * ones below the best). They count their keys as they are looked for, under the deadline.
 */
export function scoredCandidates(all: readonly Candidate[]): Set<Candidate> {
  const names = new Set<string>();
  for (const { controls } of all) {
    if (controls.groupScoring) { for (const name of controls.groups) names.add(name); }
  }
  if (names.size === 0) return new Set();
  return new Set(all.filter((c) => c.controls.groups.some((name: string) => names.has(name))));
}
