/**
 * What a replacement takes from the memory it replaces. A newer memory that replaces an older
 * one (through `superseded_by`, or without a link: `unlinked_updates.ts`) and matches the query
 * less well takes the older one's relevance: it is the current version of the fact the query
 * found. It takes the older one's standing with the query too, the factors of voice, answer
 * type, intent and names (`rank.ts`), when they are kinder: "The landlord raised the rent to
 * 1,050 euros" (no one's voice) replaces "Our rent is 900 euros a month" (the group's), and
 * "Mila just turned five" replaces "My daughter Mila is four", so for "How much is our rent?" or
 * "How old is my daughter?" the replacement stands where the fact it replaces stood, not 0.4
 * lower as a remark about someone else.
 *
 * @module
 */

/** A ranked candidate as {@linkcode inherit} reads and marks it. */
export interface HeirItem<T> {
  relevance: number;
  /** The older memory whose relevance this one took, if any. */
  heirOf?: T;
}

/**
 * `newer` replaces `older`: when `older` matches better, `newer` takes its relevance and
 * remembers it (`heirOf`), so its factors count for `newer` too.
 */
export function inherit<T extends HeirItem<T>>(newer: T, older: T): void {
  if (older.relevance <= newer.relevance) return;
  newer.relevance = older.relevance;
  newer.heirOf = older.heirOf ?? older;
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
