/**
 * Values read from the database, kept while the database's generation stays the same: any
 * write through this connection, and any commit of another process (seen within
 * `CROSS_PROCESS_CHECK_MS`), makes every kept value stale at once. Nothing is missed, whichever
 * table a write touches, at the cost of re-reading after unrelated writes: meant for values read
 * far more often than the database is written (a persona's profile under a load of reads).
 *
 * @module
 */
import type { Database } from "./db.ts";

/** Most values kept; past it the cache starts over. */
export const READ_CACHE_LIMIT = 10_000;

/** A read cache over `db`'s generation. */
export class ReadCache {
  readonly #db: Pick<Database, "generation">;
  readonly #values = new Map<string, unknown>();
  #generation = -1;

  /** A cache whose values stay while `db.generation` does. */
  constructor(db: Pick<Database, "generation">) {
    this.#db = db;
  }

  /**
   * The value kept under `key`, or `read()`'s, kept. `read` must depend only on the database
   * (and on what `key` names); what a read cannot keep (an error) is not kept.
   */
  get<T>(key: string, read: () => T): T {
    const generation = this.#db.generation;
    if (generation !== this.#generation) {
      this.#values.clear();
      this.#generation = generation;
    }
    if (this.#values.has(key)) return this.#values.get(key) as T;
    const value = read();
    // A read that wrote (rare) moved the generation: its value may already be stale.
    if (this.#db.generation === generation) {
      if (this.#values.size >= READ_CACHE_LIMIT) this.#values.clear();
      this.#values.set(key, value);
    }
    return value;
  }

  /** Keeps `value` under `key` for the current generation. */
  set(key: string, value: unknown): void {
    const generation = this.#db.generation;
    if (generation !== this.#generation) {
      this.#values.clear();
      this.#generation = generation;
    }
    this.#values.set(key, value);
  }

  /** Forgets `key`. */
  delete(key: string): void {
    this.#values.delete(key);
  }
}
