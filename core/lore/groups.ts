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
import type { Candidate, Hit } from "./candidate.ts";
import { keyMatches, type ScanText } from "./match.ts";

/** What the group rules read besides the hits. */
export interface GroupContext {
  /** Groups of entries already in the prompt from earlier steps. */
  fired: ReadonlySet<string>;
  /** Whether the hit's entry is sticky (a timed effect). */
  sticky: (hit: Hit) => boolean;
  /** The hit's score for group scoring (keys matched). */
  score: (hit: Hit) => number;
  /** Random numbers in [0, 1). */
  random: () => number;
}

/** The hits that stay, in their order, and those their groups dropped. */
export function applyInclusionGroups(
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

/**
 * SillyTavern's group score of `candidate` over `text`: one point per primary key found; with
 * secondary keys, one per secondary key found under AND ANY, all of them under AND ALL when all
 * are found, none under NOT ANY and NOT ALL.
 */
export function groupScore(candidate: Candidate, text: ScanText): number {
  const found = (keys: readonly string[]) =>
    keys.filter((key) => keyMatches(text, candidate.substitute(key), candidate.match)).length;
  const primary = found(candidate.keys);
  if (candidate.keys.length === 0 || candidate.secondary.length === 0) return primary;
  const secondary = found(candidate.secondary);
  if (candidate.logic === 0) return primary + secondary;
  if (candidate.logic === 3 && secondary === candidate.secondary.length) {
    return primary + secondary;
  }
  return primary;
}
