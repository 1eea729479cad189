/**
 * The delete of a pruning run: under the persona's write lock (the writer's, shared per backend:
 * `persona_write_locks.ts`), the planned memories are read again, those that became protected
 * or the current version of a fact that stays are spared (the plan may be stale: it was made
 * from a list read without the lock), the rest deleted, and their supersession chains re-linked
 * the way `memory.delete` does (`MemoryLinks.forgetAll`).
 *
 * @module
 */
import type { MemoryBackend } from "./backend.ts";
import { MemoryLinks } from "./links.ts";
import { PersonaWriteLocks } from "./persona_write_locks.ts";
import { isProtected } from "./prune.ts";
import type { MemoryRecord } from "./schema.ts";

/** Deletes planned prune victims, keeping chains sound. */
export class PruneDeleter {
  readonly #backend: MemoryBackend;
  readonly #links: MemoryLinks;
  readonly #locks: PersonaWriteLocks;

  /** Deletes from `backend`. */
  constructor(backend: MemoryBackend) {
    this.#backend = backend;
    this.#links = new MemoryLinks(backend);
    this.#locks = new PersonaWriteLocks(backend);
  }

  /**
   * Deletes `planned` (memories of `personaId`) that may still go at `now`; returns the records
   * deleted, as they were.
   */
  async delete(
    personaId: string,
    planned: readonly MemoryRecord[],
    now: number,
  ): Promise<MemoryRecord[]> {
    if (planned.length === 0) return [];
    return await this.#locks.run([personaId], async () => {
      const fresh = (await this.#backend.getMany(planned.map((record) => record.id)))
        .filter((record) => record.persona_id === personaId && !isProtected(record, now));
      const doomed = await spareHeads(fresh, (ids) => this.#backend.getMany(ids));
      if (doomed.length === 0) return [];
      await this.#backend.delete(doomed.map((record) => record.id));
      await this.#links.forgetAll(doomed);
      return doomed;
    });
  }
}

/**
 * `doomed` less the current memories of chains whose older links stay (deleting one would make
 * an older version current again); what `prune.ts` plans never has one, a stale plan may.
 * `read` fetches memories by id (only the older links outside `doomed` of doomed chains' heads).
 */
export async function spareHeads(
  doomed: readonly MemoryRecord[],
  read: (ids: string[]) => Promise<MemoryRecord[]>,
): Promise<MemoryRecord[]> {
  const byId = new Map(doomed.map((record) => [record.id, record]));
  /** The older links outside `doomed` of each doomed chain's head, by the head's id. */
  const olderOf = new Map<string, Array<{ id: string; by: string }>>();
  for (const record of doomed) {
    const outside = record.supersedes.filter((id) => !byId.has(id));
    if (outside.length === 0) continue;
    // Follow the chain through the doomed to its last link.
    let last = record;
    for (let hops = 0; hops <= byId.size; hops++) {
      const next = last.superseded_by === null ? undefined : byId.get(last.superseded_by);
      if (next === undefined) break;
      last = next;
    }
    if (last.superseded_by !== null) continue;
    const list = olderOf.get(last.id) ?? [];
    for (const id of outside) list.push({ id, by: record.id });
    olderOf.set(last.id, list);
  }
  if (olderOf.size === 0) return [...doomed];
  const wanted = [...new Set([...olderOf.values()].flat().map((link) => link.id))];
  const staying = new Map((await read(wanted)).map((record) => [record.id, record]));
  // Only a memory that still names the doomed one as its replacement would be current again.
  const spared = new Set(
    [...olderOf].filter(([, links]) =>
      links.some((link) => staying.get(link.id)?.superseded_by === link.by)
    ).map(([head]) => head),
  );
  return doomed.filter((record) => !spared.has(record.id));
}
