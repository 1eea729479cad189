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
  async forget(deleted: MemoryRecord): Promise<void> {
    const linked = await this.#backend.getMany([
      ...deleted.supersedes,
      ...deleted.superseded_by ? [deleted.superseded_by] : [],
    ]);
    const heir = linked.find((other) => other.id === deleted.superseded_by);
    const older = linked.filter((other) => other !== heir && other.superseded_by === deleted.id);
    const repaired = older.map((other) => ({
      record: { ...other, superseded_by: heir?.id ?? null },
    }));
    if (heir) {
      const kept = heir.supersedes.filter((old) => old !== deleted.id);
      repaired.push({
        record: {
          ...heir,
          supersedes: [...new Set([...kept, ...older.map((other) => other.id)])],
        },
      });
    }
    if (repaired.length > 0) await this.#backend.save(repaired);
  }
}
