/**
 * Following supersession links (`superseded_by`) a level at a time, for stores with no
 * recursive query (Chroma, and any backend without {@linkcode MemoryBackend.chainFrom}).
 *
 * @module
 */
import type { MemoryBackend } from "./backend.ts";
import type { MemoryRecord } from "./schema.ts";

/**
 * Most sequential reads by id one search makes to follow replacement chains (each a few HTTP
 * requests on Chroma). Without a {@linkcode ChainLinks} reader a chain longer than this from
 * the memory a search found is followed this far, not to its head; with one, the reads by id
 * after the first {@linkcode SHORT_WALK_READS} are only for what the links read left out.
 */
export const MAX_CHAIN_READS = 64;

/**
 * Reads by id before a walk with a {@linkcode ChainLinks} reader reads the personas' superseded
 * memories at once: a chain of up to this many links costs no more than these reads.
 */
export const SHORT_WALK_READS = 8;

/**
 * Most superseded memories a {@linkcode ChainLinks} reader reads for one search: a chain is
 * followed to its head however long while its persona has no more superseded memories than
 * this (a realistic persona has a few hundred memories in all, its pruning keeps it under a
 * thousand). Past it, the walk goes on by id from where those memories lead, for what is left of
 * {@linkcode MAX_CHAIN_READS}, and a search shows the newest link it reached (marked superseded).
 */
export const MAX_CHAIN_LINKS = 50_000;

/**
 * Reads, at once and page by page, the memories of `personaIds` that another supersedes (the
 * links of every chain but their heads), at most `limit` of them.
 */
export type ChainLinks = (
  personaIds: readonly string[],
  limit: number,
) => Promise<MemoryRecord[]>;

/**
 * The memories `ids` and those their links lead to, reading each level of every chain at once
 * with `read`, each memory once (a cycle ends). After {@linkcode SHORT_WALK_READS} reads a chain
 * still going on is followed with the superseded memories `links` reads at once (in memory, to
 * the last link; its head is one more read); without `links`, in at most
 * {@linkcode MAX_CHAIN_READS} reads.
 */
export async function walkChains(
  ids: readonly string[],
  read: (ids: readonly string[]) => Promise<MemoryRecord[]>,
  links?: ChainLinks,
): Promise<MemoryRecord[]> {
  const known = new Set<string>();
  const found: MemoryRecord[] = [];
  let linked: Map<string, MemoryRecord> | undefined;
  /** The persona of each pending id: that of the memory it replaces (links stay in a persona). */
  const personaOf = new Map<string, string>();
  let pending = [...new Set(ids)];
  let reads = 0;
  while (pending.length > 0) {
    if (links && !linked && reads >= SHORT_WALK_READS) {
      const personas = [...new Set(pending.map((id) => personaOf.get(id)!))];
      linked = new Map((await links(personas, MAX_CHAIN_LINKS)).map((r) => [r.id, r]));
    }
    const cached = pending.filter((id) => linked?.has(id));
    const unread = linked ? pending.filter((id) => !linked!.has(id)) : pending;
    // A level that needs a read once the reads are spent ends here (the cached part goes on).
    const readNow = unread.length > 0 && reads < MAX_CHAIN_READS;
    if (cached.length === 0 && !readNow) break;
    for (const id of [...cached, ...(readNow ? unread : [])]) known.add(id);
    const records = cached.map((id) => linked!.get(id)!);
    if (readNow) {
      records.push(...await read(unread));
      reads++;
    }
    const next = new Set<string>();
    for (const record of records) {
      found.push(record);
      const newer = record.superseded_by;
      if (newer !== null && !known.has(newer)) {
        next.add(newer);
        personaOf.set(newer, record.persona_id);
      }
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
