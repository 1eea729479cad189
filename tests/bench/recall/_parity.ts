/**
 * The recall benchmark's backend comparison (`deno task bench:recall --backends a,b,c`): for one
 * set stored the same way on every backend, the queries each backend ranks otherwise than the
 * first one. The backends run the same ranking, so every such query is a backend difference
 * (BM25 statistics, candidate limits, tokenisation, tie order, vector distances), not noise.
 *
 * @module
 */
import type { QueryOutcome } from "./_set.ts";

/** How far one backend's rankings are from the reference backend's. */
export interface Divergence {
  /** Queries compared. */
  count: number;
  /** Queries whose first result differs. */
  first: number;
  /** Queries whose top 5 differ (as a set of memories). */
  top5: number;
  /** Queries whose top 10 differ in any place. */
  top10: number;
  /** The queries ranked otherwise in any place, for `--misses` (never printed for a held-out set). */
  differing: Array<{ text: string; reference: string[]; other: string[] }>;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((label) => b.includes(label));

/** `other`'s divergence from `reference` (the same queries in the same order). */
export function divergence(
  reference: readonly QueryOutcome[],
  other: readonly QueryOutcome[],
): Divergence {
  const result: Divergence = {
    count: reference.length,
    first: 0,
    top5: 0,
    top10: 0,
    differing: [],
  };
  reference.forEach(({ query, ranked }, at) => {
    const theirs = other[at]!.ranked;
    const first = ranked[0] !== theirs[0];
    const top5 = !sameSet(ranked.slice(0, 5), theirs.slice(0, 5));
    if (first) result.first++;
    if (top5) result.top5++;
    const top10 = ranked.join() !== theirs.join();
    if (top10) result.top10++;
    if (first || top5 || top10) {
      result.differing.push({ text: query.text, reference: ranked, other: theirs });
    }
  });
  return result;
}

/** One Markdown row: `set`, `mode`, the backend against the reference, and the counts. */
export function divergenceRow(
  names: { set: string; mode: string; backend: string },
  found: Divergence,
): string {
  return `| ${names.set} | ${names.mode} | ${names.backend} | ${found.count} | ${found.first} | ` +
    `${found.top5} | ${found.top10} |`;
}

/** The header of {@linkcode divergenceRow}'s table. */
export const DIVERGENCE_HEADER = [
  "| set | mode | backend against the first | queries | first differs | top 5 differs | top 10 differs |",
  "| --- | --- | --- | --- | --- | --- | --- |",
].join("\n");
