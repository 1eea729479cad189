/**
 * The keys of a persona's in-memory indexes (or of rows read for them) by an embedder, as the
 * SQLite backend's index cache and its readers share them.
 *
 * @module
 */

const SEPARATOR = "\u0000";

/** Personas whose index keys {@linkcode indexKey} remembers before it starts over. */
const KEY_MEMO_LIMIT = 10_000;
const keyMemo = new Map<string, Map<string, string>>();

/**
 * The key of a persona's indexes (or rows read for them) by an embedder. Remembered: every
 * stored memory looks its indexes up, and a joined string is hashed afresh at each lookup where
 * the persona's id and the embedder's (the same strings each time) keep theirs.
 */
export function indexKey(personaId: string, embedder: string): string {
  let byEmbedder = keyMemo.get(personaId);
  if (byEmbedder === undefined) {
    if (keyMemo.size >= KEY_MEMO_LIMIT) keyMemo.clear();
    keyMemo.set(personaId, byEmbedder = new Map());
  }
  let key = byEmbedder.get(embedder);
  if (key === undefined) byEmbedder.set(embedder, key = `${personaId}${SEPARATOR}${embedder}`);
  return key;
}

/** Deletes from `map` every entry keyed by {@linkcode indexKey} for `personaId`. */
export function deletePersonaKeys(map: Map<string, unknown>, personaId: string): void {
  const prefix = `${personaId}${SEPARATOR}`;
  for (const key of [...map.keys()]) {
    if (key.startsWith(prefix)) map.delete(key);
  }
}
