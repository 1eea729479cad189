/**
 * The links between memories of one persona, kept consistent: `supersedes` / `superseded_by`
 * (a newer memory replaces older ones) and `source_ids` (what a memory was drawn from). Links
 * only ever join memories of the same persona.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";
import type { MemoryBackend } from "./backend.ts";
import type { MemoryRecord } from "./schema.ts";
import { echoedId } from "./echoed_id.ts";

/** Link bookkeeping over a backend. */
export class MemoryLinks {
  readonly #backend: MemoryBackend;

  /** Links kept in `backend`. */
  constructor(backend: MemoryBackend) {
    this.#backend = backend;
  }

  /**
   * The memories `ids` names, checked: they exist and belong to `personaId` (-32602 naming
   * `use.field` otherwise).
   */
  async owned(
    personaId: string,
    ids: readonly string[],
    use: { field: string; action: string },
  ): Promise<MemoryRecord[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    // One read for them all (a few requests on Chroma, not a few per id).
    const byId = new Map((await this.#backend.getMany(wanted)).map((r) => [r.id, r]));
    return wanted.map((id) => {
      const record = byId.get(id);
      if (!record || record.persona_id !== personaId) {
        throw new InvalidInput(
          `Cannot ${use.action} memory "${echoedId(id)}": the persona has no memory with this id`,
          [{ field: use.field, message: `no memory "${echoedId(id)}" of this persona` }],
        );
      }
      return record;
    });
  }

  /** Marks each of `replaced` as superseded by the record that lists it (the last one wins). */
  async markSuperseded(
    records: readonly MemoryRecord[],
    replaced: readonly MemoryRecord[],
  ): Promise<void> {
    if (replaced.length === 0) return;
    const replacer = new Map<string, string>();
    for (const record of records) for (const id of record.supersedes) replacer.set(id, record.id);
    await this.#backend.save(replaced.map((old) => ({
      record: { ...old, superseded_by: replacer.get(old.id) ?? old.superseded_by },
    })));
  }

  /**
   * Undoes the supersession of `memory`: its replacement no longer lists it, nor the memories it
   * was drawn from that the same replacement superseded with it (they are current again too).
   * The caller saves `memory` itself with `superseded_by: null`.
   */
  async restore(memory: MemoryRecord): Promise<void> {
    const replacer = memory.superseded_by === null
      ? undefined
      : await this.#backend.get(memory.superseded_by);
    if (!replacer) return;
    const sources = (await this.#backend.getMany(memory.source_ids))
      .filter((source) => source.superseded_by === replacer.id);
    const restored = new Set([memory.id, ...sources.map((source) => source.id)]);
    await this.#backend.save([
      {
        record: { ...replacer, supersedes: replacer.supersedes.filter((id) => !restored.has(id)) },
      },
      ...sources.map((source) => ({ record: { ...source, superseded_by: null } })),
    ]);
  }

  /**
   * After `deleted` is gone, its chain stays whole: the memories it superseded are superseded by
   * its own replacement when it had one that still exists (deleting b of a → b → c leaves
   * a → c: a fact with a newer version never becomes current again), else they are current
   * again; the one that superseded it lists them instead of it.
   */
  forget(deleted: MemoryRecord): Promise<void> {
    return this.forgetAll([deleted]);
  }

  /**
   * {@linkcode forget} for several memories deleted at once (pruning), links among them
   * included: each older memory that stays passes to the first memory after the deleted ones on
   * its chain (pruning b and c of a → b → c → d leaves a → d; of a → b → c, a is current).
   * `deleted` are the records as they were just before the delete; one read, one save.
   */
  async forgetAll(deleted: readonly MemoryRecord[]): Promise<void> {
    const gone = new Map(deleted.map((record) => [record.id, record]));
    const heirOf = (record: MemoryRecord): string | null => {
      let next = record.superseded_by;
      // A cycle among the deleted (tolerated elsewhere) has no heir.
      for (let hops = 0; next !== null && gone.has(next); hops++) {
        if (hops > gone.size) return null;
        next = gone.get(next)!.superseded_by;
      }
      return next;
    };
    const wanted = new Set<string>();
    for (const record of deleted) {
      for (const id of record.supersedes) if (!gone.has(id)) wanted.add(id);
      const heir = heirOf(record);
      if (heir !== null) wanted.add(heir);
    }
    if (wanted.size === 0) return;
    const linked = new Map((await this.#backend.getMany([...wanted])).map((r) => [r.id, r]));
    const repaired = new Map<string, MemoryRecord>();
    const current = (record: MemoryRecord) => repaired.get(record.id) ?? record;
    for (const record of deleted) {
      const heirId = heirOf(record);
      const heir = heirId === null ? undefined : linked.get(heirId);
      const older = record.supersedes.map((id) => linked.get(id))
        .filter((other) =>
          other !== undefined && other.superseded_by === record.id && other.id !== heirId
        )
        .map((other) => current(other!));
      for (const other of older) {
        repaired.set(other.id, { ...other, superseded_by: heir?.id ?? null });
      }
      if (heir) {
        const was = current(heir);
        const kept = was.supersedes.filter((old) => !gone.has(old));
        // An old database's cycle (b ↔ c, b deleted): the heir pointed back at a deleted
        // memory; it has nothing newer left and is current.
        const newer = was.superseded_by !== null && gone.has(was.superseded_by)
          ? null
          : was.superseded_by;
        repaired.set(heir.id, {
          ...was,
          superseded_by: newer,
          supersedes: [...new Set([...kept, ...older.map((other) => other.id)])],
        });
      }
    }
    if (repaired.size > 0) {
      await this.#backend.save([...repaired.values()].map((record) => ({ record })));
    }
  }
}
