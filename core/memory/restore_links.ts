/**
 * Restores the links between memories of one persona in bulk (a bundle import's `supersedes` and
 * `source_ids`, already checked: no self-links, no cycles, all within the bundle). One link at a
 * time through `MemoryWriter.update` read, checked and saved each memory under the persona's
 * lock: a 20,000-memory chain held the event loop for seconds. Here the links are written
 * {@linkcode LINK_CHUNK} memories at a time, each chunk one save under the lock (one transaction
 * on PostgreSQL), reading afresh what earlier chunks wrote, with a macrotask between chunks so
 * that other requests are served meanwhile.
 *
 * @module
 */
import type { MemoryBackend, MemoryWrite } from "./backend.ts";
import type { MemoryRecord } from "./schema.ts";

/** Memories whose links are written per chunk (one save, then a macrotask). */
export const LINK_CHUNK = 500;

/** The links one memory gains: the memories it replaces and those it was drawn from. */
export interface MemoryLinksToRestore {
  id: string;
  supersedes: readonly string[];
  source_ids: readonly string[];
}

/** What the restore reads and writes through. */
export interface RestoreLinksDeps {
  backend: MemoryBackend;
  /** Runs `work` holding the write locks of `personaIds` (the writer's). */
  underLocks<T>(personaIds: readonly string[], work: () => Promise<T>): Promise<T>;
  /** Most sources one memory lists (the newest kept, as `addSources`). */
  maxSources: number;
  /** Waits between chunks (default: a macrotask). */
  pause?: () => Promise<void>;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Adds `links` to the memories of `personaId` as `update(id, {supersedes})` then
 * `addSources(id, source_ids)` would one memory after another: each replaced memory is marked
 * superseded by the last memory listing it; ids that name no memory of the persona (deleted
 * meanwhile) are dropped. Returns how many memories were saved.
 */
export async function restoreLinks(
  deps: RestoreLinksDeps,
  personaId: string,
  links: readonly MemoryLinksToRestore[],
): Promise<number> {
  const pause = deps.pause ?? macrotask;
  let saved = 0;
  for (let start = 0; start < links.length; start += LINK_CHUNK) {
    if (start > 0) await pause();
    const chunk = links.slice(start, start + LINK_CHUNK);
    saved += await deps.underLocks([personaId], () => restoreChunk(deps, personaId, chunk));
  }
  return saved;
}

async function restoreChunk(
  deps: RestoreLinksDeps,
  personaId: string,
  chunk: readonly MemoryLinksToRestore[],
): Promise<number> {
  // Every memory of the chunk read once (afresh), changed in place, saved once.
  const records = new Map<string, MemoryRecord | null>();
  const read = async (id: string) => {
    if (!records.has(id)) {
      const record = await deps.backend.get(id);
      records.set(id, record && record.persona_id === personaId ? { ...record } : null);
    }
    return records.get(id) ?? null;
  };
  const changed = new Set<string>();
  for (const link of chunk) {
    const memory = await read(link.id);
    if (!memory) continue;
    const replaced: MemoryRecord[] = [];
    for (const id of new Set(link.supersedes)) {
      const old = id === memory.id ? null : await read(id);
      if (old) replaced.push(old);
    }
    if (replaced.length > 0) {
      memory.supersedes = [...new Set([...memory.supersedes, ...replaced.map((old) => old.id)])];
      for (const old of replaced) {
        old.superseded_by = memory.id;
        changed.add(old.id);
      }
      changed.add(memory.id);
    }
    const sources: string[] = [];
    for (const id of new Set(link.source_ids)) {
      if (id !== memory.id && await read(id)) sources.push(id);
    }
    if (sources.length > 0) {
      memory.source_ids = [...new Set([...memory.source_ids, ...sources])].slice(-deps.maxSources);
      changed.add(memory.id);
    }
  }
  const writes: MemoryWrite[] = [...changed].map((id) => ({ record: records.get(id)! }));
  if (writes.length > 0) await deps.backend.save(writes);
  return writes.length;
}
