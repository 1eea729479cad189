/**
 * Following supersession links (`superseded_by`) a level at a time, for stores with no
 * recursive query (Chroma, and any backend without {@linkcode MemoryBackend.chainFrom}).
 *
 * @module
 */
import type { MemoryBackend } from "./backend.ts";
import type { MemoryRecord } from "./schema.ts";

/**
 * Most sequential reads one search makes to follow replacement chains where the store has no
 * recursive query (each a few HTTP requests on Chroma): a chain longer than this from the
 * memory a search found is followed this far, not to its head (a 60-link chain is followed
 * whole).
 */
export const MAX_CHAIN_READS = 64;

/**
 * The memories `ids` and those their links lead to, reading each level of every chain at once
 * with `read`, each memory once (a cycle ends), in at most {@linkcode MAX_CHAIN_READS} reads.
 */
export async function walkChains(
  ids: readonly string[],
  read: (ids: readonly string[]) => Promise<MemoryRecord[]>,
): Promise<MemoryRecord[]> {
  const known = new Set<string>();
  const found: MemoryRecord[] = [];
  let pending = [...new Set(ids)];
  for (let reads = 0; reads < MAX_CHAIN_READS && pending.length > 0; reads++) {
    for (const id of pending) known.add(id);
    const next = new Set<string>();
    for (const record of await read(pending)) {
      found.push(record);
      const newer = record.superseded_by;
      if (newer !== null && !known.has(newer)) next.add(newer);
    }
    pending = [...next];
  }
  return found;
}

/** {@linkcode MemoryBackend.chainFrom} of `backend`, or a walk with its `getMany`. */
export function chainFrom(backend: MemoryBackend, ids: readonly string[]): Promise<MemoryRecord[]> {
  return backend.chainFrom
    ? backend.chainFrom(ids)
    : walkChains(ids, (pending) => backend.getMany(pending));
}
