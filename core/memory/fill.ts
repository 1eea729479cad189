/**
 * Filling a search's list up to the results asked for. `memory.search` promises at most
 * `n_results` memories, not a bar: like Chroma's or mem0's nearest-k, it answers the best it
 * has. Ranking keeps a candidate as a match when it shares a word with the query, or is near
 * it in meaning (`isKept` in `ranking.ts`); when fewer than `n_results` are matches, the others
 * that resemble the query at all (a cosine above `FILL_SIMILARITY`, `ranking.ts`: the candidates
 * hold the nearest vectors of the persona's memories, ten per wanted hit) follow them, best
 * scored first, then nearest. A filler never ranks above a match, whatever its score ("Am I a
 * pescatarian?", a word no memory holds, answered nothing; now the nearest memories, the
 * vegetarian one among them). The recall that feeds a chat prompt keeps the bar: a prompt
 * carries only what matches.
 *
 * @module
 */
/** What filling reads of a ranked memory (`Ranked` in `rank.ts`). */
export interface Fillable {
  record: { created_at: string; content: string };
  score: number;
  /** Set on a memory that fills the list. */
  filler?: true;
}

/** A ranked memory below the bar for a match, and its cosine with the query. */
export interface Filler<T extends Fillable> {
  ranked: T;
  similarity: number;
}

/**
 * `found` (the matches, best first) followed by the best of `fillers`, each marked `filler`,
 * up to `limit` in all: by score, then cosine, then newer first and content (never ids).
 */
export function fillUp<T extends Fillable>(
  found: T[],
  fillers: readonly Filler<T>[],
  limit: number,
): T[] {
  const missing = limit - found.length;
  if (missing <= 0 || fillers.length === 0) return found;
  const score = (item: Filler<T>) => Number.isFinite(item.ranked.score) ? item.ranked.score : 0;
  const best = [...fillers].sort((a, b) =>
    score(b) - score(a) || b.similarity - a.similarity ||
    b.ranked.record.created_at.localeCompare(a.ranked.record.created_at) ||
    a.ranked.record.content.localeCompare(b.ranked.record.content)
  );
  return [
    ...found,
    ...best.slice(0, missing).map(({ ranked }) => ({ ...ranked, filler: true as const })),
  ];
}
