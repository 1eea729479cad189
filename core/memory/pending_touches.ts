/**
 * Access counts not yet written (the SQLite backend's `touch`): a search's hits are counted at
 * once here and written a little later, many searches' in one commit, so that no search waits
 * for a commit before it answers (a commit cost about as much as a tenth of a search at 10,000
 * memories). Until they are written, every record the backend reads comes out with them
 * ({@linkcode PendingTouches.applied}): nobody sees a count go back.
 *
 * @module
 */
import { addCount } from "../numbers.ts";
import type { MemoryRecord } from "./schema.ts";

/** One search's hits: their ids, and when they were hit. */
export interface Touch {
  ids: string[];
  at: string;
}

/** What is pending for one memory: accesses not written yet, and the last one's time. */
interface Access {
  count: number;
  at: string;
  personaId: string;
}

/** Touches waiting to be written, in the order they came. */
export class PendingTouches {
  #touches: Touch[] = [];
  readonly #access = new Map<string, Access>();

  /** How many touches wait. */
  get size(): number {
    return this.#touches.length;
  }

  /**
   * Counts one access of each of `records` at `at` (a memory named twice counts once, as the
   * write does).
   */
  add(records: readonly MemoryRecord[], at: string): void {
    const ids: string[] = [];
    for (const record of records) {
      if (ids.includes(record.id)) continue;
      ids.push(record.id);
      const access = this.#access.get(record.id);
      if (access) {
        access.count++;
        access.at = at;
      } else this.#access.set(record.id, { count: 1, at, personaId: record.persona_id });
    }
    this.#touches.push({ ids, at });
  }

  /** `record` with its pending accesses counted (itself when it has none). */
  applied(record: MemoryRecord): MemoryRecord {
    const access = this.#access.size === 0 ? undefined : this.#access.get(record.id);
    if (access === undefined) return record;
    return {
      ...record,
      accessed_count: addCount(record.accessed_count, access.count),
      last_accessed: access.at,
    };
  }

  /**
   * The oldest `limit` pending touches (every one by default), no longer pending after: the
   * accesses of those left stay counted in {@linkcode PendingTouches.applied}.
   */
  take(limit = Infinity): Touch[] {
    if (limit >= this.#touches.length) {
      const touches = this.#touches;
      this.#touches = [];
      this.#access.clear();
      return touches;
    }
    const taken = this.#touches.splice(0, limit);
    for (const { ids } of taken) {
      for (const id of ids) {
        const access = this.#access.get(id);
        // Those left are newer: an access still pending keeps its last time.
        if (access && --access.count === 0) this.#access.delete(id);
      }
    }
    return taken;
  }

  /** Forgets the pending accesses of memories `ids` (deleted: nothing is left to count). */
  forgetIds(ids: readonly string[]): void {
    if (this.#access.size === 0) return;
    const gone = new Set(ids);
    for (const id of gone) this.#access.delete(id);
    this.#touches = this.#touches
      .map((touch) => ({ ...touch, ids: touch.ids.filter((id) => !gone.has(id)) }))
      .filter((touch) => touch.ids.length > 0);
  }

  /** Forgets the pending accesses of a persona's memories (they were all deleted). */
  forgetPersona(personaId: string): void {
    const ids = [...this.#access].filter(([, access]) => access.personaId === personaId)
      .map(([id]) => id);
    if (ids.length > 0) this.forgetIds(ids);
  }
}
