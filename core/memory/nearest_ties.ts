/**
 * Nearest-neighbour queries cut the way the SQLite index cuts them (`vector_index.ts`): among
 * memories whose vectors score the same (identical vectors: the same words but for digits or
 * unknown words, a repeated "ok"), the newer ones are kept. A vector store asked for the nearest
 * `limit` (Chroma's HNSW, pgvector's) keeps an arbitrary few of such a tie when it straddles the
 * cut, so the same store gave other candidates, and other results, on each backend (issue 9;
 * `contract_parity.ts`).
 *
 * @module
 */

/** The most hits asked for while widening past a tie (a pool is at most 500). */
const MOST = 4_000;

/**
 * `fetch(n)`'s nearest hits (best first), one more than `limit` asked for, and asked again for
 * twice as many while the last one returned still scores as the `limit`-th does: then every hit
 * tied with the `limit`-th is among them. One query when the cut falls between two scores
 * (nearly always); the caller keeps `limit` of them ({@linkcode cutNewerFirst}).
 */
export async function withTiesAtCut<T>(
  limit: number,
  fetch: (n: number) => Promise<T[]>,
  similarity: (hit: T) => number,
): Promise<T[]> {
  for (let n = limit + 1;; n = Math.min(n * 2, MOST)) {
    const hits = await fetch(n);
    if (hits.length < n || n >= MOST || limit <= 0) return hits;
    if (similarity(hits[limit - 1]!) !== similarity(hits[n - 1]!)) return hits;
  }
}

/** Whether the `limit`-th of `hits` (best first) ties with the one after it. */
export function tiedAtCut<T>(hits: readonly T[], limit: number, similarity: (hit: T) => number) {
  return limit > 0 && hits.length > limit &&
    similarity(hits[limit - 1]!) === similarity(hits[limit]!);
}

/**
 * The best `limit` of `hits`: higher similarity first, and among equal ones the newer first
 * (`newer(a, b)` < 0 when `a` is newer), as the SQLite index keeps them.
 */
export function cutNewerFirst<T>(
  hits: readonly T[],
  limit: number,
  keys: { similarity: (hit: T) => number; newer: (a: T, b: T) => number },
): T[] {
  return [...hits].sort((a, b) => keys.similarity(b) - keys.similarity(a) || keys.newer(a, b))
    .slice(0, limit);
}

/**
 * The best `limit` of a vector store's `hits` (best first, every memory tied with the last one
 * among them: `withTiesAtCut`): a tie at the cut kept newer first by `storingOrder` (each id's
 * place, higher is newer), read only then.
 */
export async function newerAtCut<T extends { id: string; similarity: number }>(
  hits: readonly T[],
  limit: number,
  storingOrder: (ids: readonly string[]) => Promise<Map<string, number>>,
): Promise<T[]> {
  if (!tiedAtCut(hits, limit, (hit) => hit.similarity)) return hits.slice(0, limit);
  const order = await storingOrder(hits.map((hit) => hit.id));
  return cutNewerFirst(hits, limit, {
    similarity: (hit) => hit.similarity,
    newer: (a, b) => (order.get(b.id) ?? 0) - (order.get(a.id) ?? 0),
  });
}
