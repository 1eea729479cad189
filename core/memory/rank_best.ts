/**
 * The best of a search's ranked memories, picked by place: ranking keeps each candidate's score in
 * a typed array (`rank.ts`) and makes a `Ranked` object only of those this returns.
 *
 * @module
 */
import { TopK } from "./top_k.ts";

/** What the order reads of a ranked memory besides its score. */
export interface Ranking {
  relevance: number;
  record: { created_at: string; content: string };
}

/**
 * The places of the first `count` of `ranked` (places in `items` and `score`) sorted best
 * first. Ties break on content facts (not ids), so equal stores rank alike on every server. Only
 * those scoring at least the `count`-th best score are sorted: every other one sorts after them,
 * so the first `count` are the same.
 */
export function best(
  ranked: number[],
  options: { items: readonly Ranking[]; score: Float64Array; count: number },
): number[] {
  const { items, score, count } = options;
  // A score that is no number would make the sort's order arbitrary: it ranks as 0.
  for (const at of ranked) if (!Number.isFinite(score[at]!)) score[at] = 0;
  // Signs, not differences: a difference came back to the sort as a boxed number per comparison.
  // The order is the same: two scores or relevances differ by a number other than 0 (or NaN,
  // which sorts as 0 and passes on to the next key) exactly when one is higher.
  const order = (a: number, b: number) =>
    higher(score[b]!, score[a]!) || higher(items[b]!.relevance, items[a]!.relevance) ||
    items[b]!.record.created_at.localeCompare(items[a]!.record.created_at) ||
    items[a]!.record.content.localeCompare(items[b]!.record.content);
  const floor = ranked.length > count
    ? lowestOfBest(ranked.map((at) => score[at]!), count)
    : -Infinity;
  // NaN (no floor, or a score that is no number) leaves every one in, as a full sort would.
  const contenders = floor > -Infinity ? ranked.filter((at) => score[at]! >= floor) : ranked;
  return contenders.sort(order).slice(0, count);
}

/**
 * The `count`-th highest of `scores` (`count` ≥ 1, fewer than there are), or NaN when a score is
 * no number.
 */
export function lowestOfBest(scores: readonly number[], count: number): number {
  const top = new TopK(count);
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (Number.isNaN(score)) return NaN;
    top.offer(i, score);
  }
  return top.lowest;
}

/** 1 when `x` is higher than `y`, −1 when lower, else 0 (equal, or either NaN): `x − y`'s sign. */
export function higher(x: number, y: number): number {
  return x > y ? 1 : x < y ? -1 : 0;
}
