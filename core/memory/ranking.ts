/**
 * Retrieval scoring, after Generative Agents (Park et al. 2023, §4.1):
 *
 *     score = (3·relevance' + 2·importance + 1·recency) / 6
 *
 * - relevance = 0.6·max(cosine, 0) + 0.4·term overlap (share of the query's stemmed words found in
 *   the memory); candidates below {@linkcode MIN_RELEVANCE} are dropped; relevance' is relevance
 *   min-max normalised over the remaining candidates (1 when they are all equal).
 * - importance is the memory's own 0..1 value (not normalised).
 * - recency = 0.995^(hours since last access, or since creation if never accessed); it is not
 *   normalised, so memories minutes apart count as equally recent and relevance decides.
 *
 * @module
 */
import type { Candidate } from "./backend.ts";
import type { MemoryRecord } from "./schema.ts";
import { termOverlap, terms } from "./text.ts";

/** Weights of the final blend. */
export const SCORE_WEIGHTS = { relevance: 3, importance: 2, recency: 1 } as const;
/** Weights inside relevance: vector similarity and lexical overlap. */
export const RELEVANCE_WEIGHTS = { vector: 0.6, lexical: 0.4 } as const;
/** Recency multiplier per hour since the memory was last used. */
export const RECENCY_PER_HOUR = 0.995;
/** Below this relevance a memory shares nothing meaningful with the query. */
export const MIN_RELEVANCE = 0.12;

const HOUR_MS = 3_600_000;

/** The time a memory was last used: its last access, else its creation. */
export function lastUsed(record: MemoryRecord): number {
  return Date.parse(record.last_accessed ?? record.created_at);
}

/** 0.995^(hours since `record` was last used at `now`). */
export function recency(record: MemoryRecord, now: number): number {
  return RECENCY_PER_HOUR ** (Math.max(0, now - lastUsed(record)) / HOUR_MS);
}

/** Relevance of a memory whose vector has cosine `similarity` and whose words overlap `lexical`. */
export function relevance(similarity: number, lexical: number): number {
  return RELEVANCE_WEIGHTS.vector * Math.max(similarity, 0) + RELEVANCE_WEIGHTS.lexical * lexical;
}

/** A ranked memory with the parts of its score. */
export interface Ranked {
  record: MemoryRecord;
  relevance: number;
  recency: number;
  score: number;
}

/** Scores `candidates` for `query` at `now`; returns the best `limit`, best first. */
export function rank(
  candidates: readonly Candidate[],
  query: string,
  options: { now: number; limit: number },
): Ranked[] {
  const queryTerms = terms(query);
  const seen = new Set<string>();
  const relevant: Array<{ record: MemoryRecord; relevance: number }> = [];
  for (const { record, similarity } of candidates) {
    if (seen.has(record.id)) continue;
    seen.add(record.id);
    const value = relevance(similarity, termOverlap(queryTerms, new Set(terms(record.content))));
    if (value >= MIN_RELEVANCE) relevant.push({ record, relevance: value });
  }
  const values = relevant.map((item) => item.relevance);
  const low = Math.min(...values);
  const span = Math.max(...values) - low;
  const total = SCORE_WEIGHTS.relevance + SCORE_WEIGHTS.importance + SCORE_WEIGHTS.recency;
  return relevant.map((item) => {
    const normalised = span > 0 ? (item.relevance - low) / span : 1;
    const fresh = recency(item.record, options.now);
    const score = (SCORE_WEIGHTS.relevance * normalised +
      SCORE_WEIGHTS.importance * item.record.importance +
      SCORE_WEIGHTS.recency * fresh) / total;
    return { record: item.record, relevance: item.relevance, recency: fresh, score };
  })
    // Ties break on content facts (not ids), so equal stores rank alike on every server.
    .sort((a, b) =>
      b.score - a.score || b.relevance - a.relevance ||
      b.record.created_at.localeCompare(a.record.created_at) ||
      a.record.content.localeCompare(b.record.content)
    )
    .slice(0, options.limit);
}
