/**
 * Memories that say the same but for their numbers ("The user sent benchmark message 5.", "The
 * user sent benchmark message 17."): a series of readings of one thing. Ranking compares a
 * search's best candidates pairwise as facts and their updates (`unlinked_updates.ts`), and each
 * of a series states a new number of the others, so every pair of it reaches the word alignment:
 * a store of dozens (a counter the user keeps reporting, numbered messages) made every search
 * align up to 435 pairs of near-identical texts (fix134: the chat benchmark's extracted facts,
 * perf37's old-generation garbage). Only the newest {@linkcode MAX_OF_SERIES} of a series are
 * compared: each replaces the ones before it, so an older reading adds nothing once a newer one
 * is compared, and the newest must stay (keeping the most relevant kept the oldest of equally
 * relevant readings and ranked an old weight first: review46 R5). A search with fewer (every
 * query of the recall sets) compares what it did.
 *
 * @module
 */
import { holdsDigits } from "./text_digits.ts";
import { rememberedByText } from "./text_memo.ts";

/** Memories of one series a search compares as facts and updates, at most. */
export const MAX_OF_SERIES = 3;

/** Runs of digits (with their separators: "1,050", "3.5"), each read as one number. */
const NUMBER = /\p{N}+(?:[.,]\p{N}+)*/gu;

/**
 * The text with each number as `#`: the key of its series (only for a text with digits),
 * remembered by text (`text_memo.ts`): a store with a series asks it of the same memories search
 * after search.
 */
export const seriesKey: (text: string) => string = rememberedByText((text) =>
  text.replace(NUMBER, "#")
);

/**
 * `items` without those past the newest {@linkcode MAX_OF_SERIES} of their series (in the order
 * given; of the same time, the more relevant first). Texts without digits belong to no series.
 * An item may be given twice (a user fact with a number is both in a compared voice and
 * measuring): it counts once, and stays or goes in both places.
 */
export function fewOfEachSeries<
  T extends { relevance: number; record: { content: string; created_at: string } },
>(
  items: readonly T[],
): readonly T[] {
  const numbered = new Set<T>();
  for (const item of items) if (holdsDigits(item.record.content)) numbered.add(item);
  // Nearly always no series can pass the bound: no key is made, nothing is sorted.
  if (numbered.size <= MAX_OF_SERIES) return items;
  // A stable sort: the newest first, then the more relevant, then the order given.
  const newestFirst = [...numbered].sort((a, b) =>
    b.record.created_at.localeCompare(a.record.created_at) || b.relevance - a.relevance
  );
  const seen = new Map<string, number>();
  const dropped = new Set<T>();
  for (const item of newestFirst) {
    const key = seriesKey(item.record.content);
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count > MAX_OF_SERIES) dropped.add(item);
  }
  return dropped.size === 0 ? items : items.filter((item) => !dropped.has(item));
}
