/**
 * The sentence encoder as a cascade (`MEMORY_ENCODER=use-lite-cascade`): a query is first ranked
 * without the encoder (its local SIF vector against the local part of the memories' joined
 * vectors, relevance at the local weights: the offline ranking), and only when that ranking's
 * evidence is weak or ambiguous is the query encoded and ranked again with the encoder. A
 * standard retrieval cascade: the cheap ranker answers what it answers clearly.
 *
 * @module
 */
import type { RelevanceWeights } from "./backend.ts";

/** What the cascade reads of a first-pass hit (`search_hits.ts`'s `Found`). */
export interface FirstPassHit {
  score: number;
  relevance: number;
  filler?: true;
  record: { content: string };
  channels: { lexical: number };
}

/**
 * The first pass's evidence is weak below this lexical share of the best hit's match: the
 * query's informative words are mostly not in it (it was found by meaning, where the encoder is
 * better than word vectors).
 */
export const CASCADE_LEXICAL = 0.5;
/**
 * The first pass is ambiguous when the second hit scores at least this share of the first's:
 * the offline channels cannot tell them apart.
 */
export const CASCADE_CLOSE = 0.9;

/**
 * How an embedder with an encoder answers a query without it first (`search.ts`): its
 * `embedQuery` gives the first pass's vector (no encoding), which search recognises here.
 */
export interface QueryCascade {
  /** Whether `vector` is a query's first-pass vector (made without the encoder). */
  isFirstPass(vector: Float32Array): boolean;
  /** Relevance's weights for a first-pass vector (the local embedder's). */
  readonly localWeights: RelevanceWeights;
  /** What a first-pass vector's cosine with a memory's is multiplied by to be the local one. */
  readonly similarityScale: number;
  /** Whether the first pass's ranking leaves the query to the encoder. */
  needsEncoder(first: readonly FirstPassHit[]): boolean;
  /** The query's full vector, encoder included. */
  encodedQuery(text: string): Promise<Float32Array>;
}

/**
 * Whether a first-pass ranking is weak or ambiguous: no match at all, a best match whose
 * lexical share is below {@linkcode CASCADE_LEXICAL}, or another match within
 * {@linkcode CASCADE_CLOSE} of the first's score (the next one that says something else: a text
 * stored twice is no ambiguity).
 */
export function weakEvidence(
  first: readonly FirstPassHit[],
  thresholds: { lexical: number; close: number } = {
    lexical: CASCADE_LEXICAL,
    close: CASCADE_CLOSE,
  },
): boolean {
  const matches = first.filter((hit) => !hit.filler);
  const best = matches[0];
  if (best === undefined) return true;
  if (best.channels.lexical < thresholds.lexical) return true;
  const second = matches.find((hit) => hit.record.content !== best.record.content);
  return second !== undefined && second.score >= thresholds.close * best.score;
}
