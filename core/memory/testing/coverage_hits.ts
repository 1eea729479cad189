/**
 * Coverage's tests in a few words: equally weighted query words and ranked hits, and a query's
 * reordering by `byCoverage` as contents.
 *
 * @module
 */
import { byCoverage, type Covered, queryAspects } from "../coverage.ts";
import { STEMS_ONLY, type WeightedWord } from "../meaning/alignment.ts";
import type { MemoryRecord } from "../schema.ts";
import { sampleRecord } from "./record_fixture.ts";

/** Query words of equal weight (shared stems only match: `STEMS_ONLY`). */
export function weighted(...words: string[]): WeightedWord[] {
  return words.map((word) => ({ word, weight: 1 }));
}

/** A ranked hit whose id is its content. */
export function coveredHit(
  content: string,
  score: number,
  fields: Partial<MemoryRecord> = {},
): Covered {
  return { record: sampleRecord({ id: content, content, ...fields }), score };
}

/** The contents of `ranked` as coverage reorders them for `query` and its `words`, best `limit`. */
export function reordered(
  query: { text: string; words: readonly WeightedWord[] },
  ranked: readonly Covered[],
  limit = 10,
): string[] {
  const aspects = queryAspects(query.text, query.words);
  return byCoverage(ranked, { words: query.words, vectors: STEMS_ONLY, aspects, limit })
    .map((item) => item.record.content);
}
