/**
 * The best of a search's candidates that pass each of several tests of their voice, for
 * comparing facts and their updates (`unlinked_updates.ts`, `subject_candidates.ts`): sorted once
 * for all the tests.
 *
 * @module
 */
import { higher } from "./rank_best.ts";

/**
 * For each test it is given, the best `cap` of `items` (by relevance, highest first, a stable
 * sort) that pass it. `items` are sorted once for every test, and a test stops at `cap`: the
 * same as filtering, sorting and cutting for each test (a stable sort of a subset keeps the order
 * the sort of the whole gives it), with fewer texts read. A relevance that is not finite (NaN, or
 * Infinity less Infinity) makes the order depend on what is sorted: then each test sorts its own,
 * as before. `items` is not changed.
 */
export function bestByRelevance<T extends { relevance: number }>(
  items: readonly T[],
  cap: number,
): (passes: (item: T) => boolean) => T[] {
  const byRelevance = (a: T, b: T) => b.relevance - a.relevance;
  if (items.some((item) => !Number.isFinite(item.relevance))) {
    return (passes) => items.filter(passes).sort(byRelevance).slice(0, cap);
  }
  // The comparison's sign (`higher`), a small integer, in place of the difference, which the
  // sort got as a boxed number for each comparison (perf75: ~20 KB a chat): the same order.
  const sorted = [...items].sort((a, b) => higher(b.relevance, a.relevance));
  return (passes) => {
    const best: T[] = [];
    for (let i = 0; i < sorted.length && best.length < cap; i++) {
      if (passes(sorted[i]!)) best.push(sorted[i]!);
    }
    return best;
  };
}
