/**
 * The best candidates of a search that pass a test of their voice, for the unlinked updates'
 * comparisons (`unlinked_updates.ts`), sorted once for all the tests.
 *
 * @module
 */
/**
 * The best `compared` of `items` that pass a test of their voice, for `findUnlinkedUpdates`
 * (`unlinked_updates.ts`): the kept items not replaced through a link (`linked`), by relevance
 * (highest first, a stable sort), then the first `compared` that pass. Sorted once for every
 * test, and a test stops at `compared`: the same as filtering, sorting and cutting for each test
 * (a stable sort of a subset keeps the order the sort of the whole gives it), with fewer texts
 * read. A relevance that is not finite (NaN, or Infinity less Infinity) makes the order depend on
 * what is sorted: then each test sorts its own, as before.
 */
export function bestVoiced<T extends { kept: boolean; relevance: number }>(
  items: readonly T[],
  options: { compared: number; linked: (item: T) => boolean },
): (voiced: (item: T) => boolean) => T[] {
  const eligible = items.filter((item) => item.kept && !options.linked(item));
  const byRelevance = (a: T, b: T) => b.relevance - a.relevance;
  if (eligible.some((item) => !Number.isFinite(item.relevance))) {
    return (voiced) => eligible.filter(voiced).sort(byRelevance).slice(0, options.compared);
  }
  eligible.sort(byRelevance);
  return (voiced) => {
    const best: T[] = [];
    for (let i = 0; i < eligible.length && best.length < options.compared; i++) {
      if (voiced(eligible[i]!)) best.push(eligible[i]!);
    }
    return best;
  };
}
