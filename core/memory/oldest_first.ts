/**
 * Room in a Map used as a cache that forgets its oldest entries first (a Map keeps insertion
 * order). Not one entry at a time: a Map's first key is found past every entry deleted before
 * it until the table is rebuilt, so taking the oldest one by one costs ~45 µs an entry in a
 * full 32,768-entry Map (the word vectors' texts) and ~30 µs in a 10,000-row one (the kept
 * memory rows); {@linkcode makeRoom} forgets a sixteenth of the limit at once.
 *
 * @module
 */

/**
 * Forgets the oldest entries of `map` when it holds `limit` or more: a sixteenth of `limit` (at
 * least one), each through `forget` (default: deleting it from `map`).
 */
export function makeRoom<K>(
  map: Map<K, unknown>,
  limit: number,
  forget: (keys: K[]) => void = (keys) => keys.forEach((key) => map.delete(key)),
): void {
  if (map.size < limit) return;
  const count = Math.max(1, limit >> 4);
  const oldest: K[] = [];
  for (const key of map.keys()) {
    oldest.push(key);
    if (oldest.length >= count) break;
  }
  forget(oldest);
}
