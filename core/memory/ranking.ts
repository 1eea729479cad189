/**
 * Retrieval scoring: relevance decides, importance and recency only nudge. Every constant of the
 * formula lives here.
 *
 *     relevance = LEXICAL · lexical + ALIGNMENT · alignment + VECTOR · vector
 *     score     = relevance · (1 + NUDGE · (½·(2·importance − 1) + ½·(2·recency − 1)))
 *                 · (SUPERSEDED if a newer memory replaced this one)
 *
 * - lexical (0..1): BM25 over every query term, normalised by the query's summed idf
 *   (`lexical_index.ts`); statistics from the persona's own index.
 * - vector (0..1): the embedder's cosine above {@linkcode VECTOR_FLOOR}, rescaled:
 *   max(0, cos − floor) / (1 − floor). For the local embedder the cosine of SIF sentence vectors
 *   (meaning); with `EMBED_MODEL` the model's cosine.
 * - importance is the memory's 0..1 value; recency = 0.995^(hours since it was created), not
 *   since last access, so recalling a memory does not keep it looking new.
 * - NUDGE = 0.1: importance and recency move a score by at most ±10 %, so a match whose
 *   relevance is more than 1.1 / 0.9 ≈ 1.22 times another's always ranks above it.
 * - alignment (0..1, local embedder only): each query word matched with the memory's closest
 *   word in meaning, weighted like BM25's terms (`meaning/alignment.ts`).
 * - No min-max stretch: a poor best match stays poor. A candidate with any lexical match is
 *   never dropped; one without needs a vector part of at least {@linkcode MIN_VECTOR} or a
 *   word within {@linkcode ANCHOR_SIMILARITY} of a query word.
 * - A superseded memory's relevance passes to its replacement (the current version of the
 *   fact the query found) and its own score is halved and kept below the replacement's.
 *
 * @module
 */
import type { Candidate } from "./backend.ts";
import type { MemoryRecord } from "./schema.ts";

/** Weights of the relevance channels with the local embedder (they sum to 1). */
export const LOCAL_WEIGHTS = { lexical: 0.4, alignment: 0.35, vector: 0.25 } as const;
/** Weights with a model's embeddings (`EMBED_MODEL`): no word alignment. */
export const MODEL_WEIGHTS = { lexical: 0.5, alignment: 0, vector: 0.5 } as const;
/** Cosine an unrelated memory typically has (rescaled to 0 in `vector`). */
export const VECTOR_FLOOR = 0.15;
/**
 * Without a lexical match, a candidate needs at least this `vector` part to be kept (a cosine of
 * about 0.4; two unrelated remarks of small talk average 0.16 ± 0.19 with the local embedder).
 */
export const MIN_VECTOR = 0.3;
/**
 * Without a lexical match, a candidate is kept too when one of its words is this close to a
 * query word (a near-synonym: "kitten" and "cat" 0.57; unrelated words average 0 ± 0.12).
 */
export const ANCHOR_SIMILARITY = 0.45;
/** Largest share by which importance and recency together move a score (±). */
export const NUDGE = 0.1;
/** Recency multiplier per hour since the memory was created. */
export const RECENCY_PER_HOUR = 0.995;
/** Factor on a superseded memory's score. */
export const SUPERSEDED = 0.5;

const HOUR_MS = 3_600_000;

/** 0.995^(hours since `record` was created, at `now`). */
export function recency(record: MemoryRecord, now: number): number {
  return RECENCY_PER_HOUR ** (Math.max(0, now - Date.parse(record.created_at)) / HOUR_MS);
}

/** The vector part of relevance for a cosine `similarity`. */
export function vectorPart(similarity: number): number {
  return Math.max(0, similarity - VECTOR_FLOOR) / (1 - VECTOR_FLOOR);
}

/** Relevance (0..1) of a candidate from its channels. */
export function relevance(
  parts: { lexical: number; similarity: number; alignment?: { score: number } },
): number {
  const weights = parts.alignment === undefined ? MODEL_WEIGHTS : LOCAL_WEIGHTS;
  return weights.lexical * parts.lexical + weights.alignment * (parts.alignment?.score ?? 0) +
    weights.vector * vectorPart(parts.similarity);
}

/** The multiplier importance and recency give a score: 1 − NUDGE .. 1 + NUDGE. */
export function nudge(importance: number, fresh: number): number {
  return 1 + NUDGE * (0.5 * (2 * importance - 1) + 0.5 * (2 * fresh - 1));
}

/** A ranked memory with the parts of its score. */
export interface Ranked {
  record: MemoryRecord;
  relevance: number;
  recency: number;
  score: number;
}

/**
 * Scores `candidates` at `now` and returns the best `limit`, best first. A candidate whose
 * `superseded_by` names another candidate hands it its relevance when higher, and ranks below it.
 */
export function rank(
  candidates: readonly Candidate[],
  options: { now: number; limit: number },
): Ranked[] {
  const byId = new Map<string, { record: MemoryRecord; relevance: number; kept: boolean }>();
  for (const candidate of candidates) {
    const { record, similarity, lexical } = candidate;
    if (byId.has(record.id)) continue;
    const kept = lexical > 0 || vectorPart(similarity) >= MIN_VECTOR ||
      (candidate.alignment?.strongest ?? 0) >= ANCHOR_SIMILARITY;
    byId.set(record.id, { record, relevance: relevance(candidate), kept });
  }
  // A chain (a replaced by b replaced by c) hands the relevance on to its newest link.
  for (const item of byId.values()) {
    if (!item.kept) continue;
    let next = item.record.superseded_by ? byId.get(item.record.superseded_by) : undefined;
    for (let hops = 0; next && hops < 8; hops++) {
      next.relevance = Math.max(next.relevance, item.relevance);
      next.kept = true;
      next = next.record.superseded_by ? byId.get(next.record.superseded_by) : undefined;
    }
  }
  const ranked = [...byId.values()].filter((item) => item.kept).map(({ record, relevance }) => {
    const fresh = recency(record, options.now);
    const replaced = record.superseded_by !== null && byId.has(record.superseded_by);
    const score = relevance * nudge(record.importance, fresh) * (replaced ? SUPERSEDED : 1);
    return { record, relevance, recency: fresh, score };
  });
  // Keep each superseded memory below its replacement, whatever their nudges.
  const scores = new Map(ranked.map((item) => [item.record.id, item]));
  for (const item of ranked) {
    const newer = item.record.superseded_by ? scores.get(item.record.superseded_by) : undefined;
    if (newer) item.score = Math.min(item.score, newer.score * SUPERSEDED);
  }
  // Ties break on content facts (not ids), so equal stores rank alike on every server.
  return ranked.sort((a, b) =>
    b.score - a.score || b.relevance - a.relevance ||
    b.record.created_at.localeCompare(a.record.created_at) ||
    a.record.content.localeCompare(b.record.content)
  ).slice(0, options.limit);
}
