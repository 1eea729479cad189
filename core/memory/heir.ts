/**
 * What a replacement takes from the memory it replaces (through `superseded_by`, or without a
 * link: `unlinked_updates.ts`):
 *
 * - **Relevance.** The newer memory is the current version of the fact the query found, so it
 *   ranks at least where the older one would: the higher of the two relevances, plus
 *   {@linkcode CHAIN_EVIDENCE} of the lower one's share of what is left to 1. The older
 *   version's words tell what the newer one is about ("I commute in a silver Toyota Corolla"
 *   says that "I sold the Corolla and bought a Tesla" is about a car), so two weak matches of
 *   one fact are a little more than either.
 * - **Standing with the query**: the factors of voice and names (`rank.ts`), when the older
 *   one's are kinder. "The landlord raised the rent to 1,050 euros" (no one's voice) replaces
 *   "Our rent is 900 euros a month" (the group's), "Mila just turned five" replaces "My
 *   daughter Mila is four": for "How much is our rent?" or "How old is my daughter?" the
 *   replacement stands where the fact it replaces stood, not 0.4 lower as a remark about
 *   someone else. This holds whichever matches the query better: "Biscuit passed away and the
 *   house feels quiet without a dog" is still the news of "We have an old beagle named
 *   Biscuit", whose voice it keeps for "Do we have any pets?" though its own "dog" is the
 *   better match (session 26: set 4 linked recall@5 0.933 → 0.941; with the standing of only
 *   the memory whose relevance it took, as before, "Do we have any pets?" was 7th). Answer type
 *   and intent stay its own: they ask what its own text says.
 *
 * What the replaced memory keeps is the share of the query's match its replacement does not
 * replace (`replaced_part.ts`): its score times `ranking.ts` `supersededFactor` (SUPERSEDED +
 * (1 − SUPERSEDED) · share), at most min(that factor, `JUST_BELOW`) of its replacement's
 * (`rank.ts`). The replacement inherits as above whatever the share: it stays first, and a long
 * message found through a part its update left alone ranks right below it, not halved.
 *
 * @module
 */

/**
 * The share of the lower relevance of a replacement and the memory it replaces that adds to the
 * higher one (of what is left to 1). In process, recall@5 / MRR linked: set 2 0.976 / 0.951 →
 * 0.976 / 0.955, set 4 0.896 / 0.816 → 0.896 / 0.820, set 1 unchanged; 0.3: set 1 0.953 / 0.894
 * → 0.944 / 0.884 (its synonyms' MRR 0.92 → 0.87); 0.5 and 1 (noisy-or) lower sets 1 and 2
 * more (1: set 1 0.944 / 0.861, set 2 0.976 / 0.932).
 */
export const CHAIN_EVIDENCE = 0.15;

/** A ranked candidate as {@linkcode inherit} reads and marks it. */
export interface HeirItem<T> {
  relevance: number;
  /**
   * The older memory whose standing this one takes when kinder: the one whose relevance it
   * took, else the first it replaces.
   */
  heirOf?: T;
}

/** The relevance of a replacement of relevance `newer` for a replaced memory of `older`. */
export function chainRelevance(newer: number, older: number): number {
  const high = Math.max(newer, older);
  return high + CHAIN_EVIDENCE * Math.min(newer, older) * (1 - high);
}

/**
 * `newer` replaces `older`: it takes {@linkcode chainRelevance}, and remembers `older` (`heirOf`)
 * when that matches better or is the first it replaces, so its factors count for `newer` too.
 */
export function inherit<T extends HeirItem<T>>(newer: T, older: T): void {
  if (older.relevance > newer.relevance || newer.heirOf === undefined) {
    newer.heirOf = older.heirOf ?? older;
  }
  newer.relevance = chainRelevance(newer.relevance, older.relevance);
}

/**
 * The factor `factor` gives `item`, or the memory whose relevance it took when that one's is
 * higher (see the module doc).
 */
export function inheritedFactor<T extends HeirItem<T>>(
  item: T,
  factor: (one: T) => number,
): number {
  const own = factor(item);
  return item.heirOf === undefined ? own : Math.max(own, factor(item.heirOf));
}
