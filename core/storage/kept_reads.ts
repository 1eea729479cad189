/**
 * Values read from a module's tables and kept by key (what a chat reads on every message though it
 * rarely changes): dropped when this process writes those tables ({@linkcode KeptReads.changed},
 * called by the module before and after each write, so a read that overlapped one is not kept) and
 * when the change stamp of the module's topic moves: another process's or node's commit (SQLite:
 * any table's; PostgreSQL: the tables whose triggers notify the topic), within `CHANGE_CHECK_MS`
 * as every cache of `Database.changeStamp`. Reads inside a transaction neither use nor fill it.
 *
 * @module
 */
import type { Database } from "./database.ts";

/** Most keys kept; past it the cache starts over. */
const KEPT_READS_LIMIT = 10_000;

/** Values read from one module's tables, by key, kept until its write or another node's commit. */
export class KeptReads<V> {
  readonly #db: Database;
  readonly #topic: string;
  readonly #values = new Map<string, V>();
  /** Moves with each of this process's writes of the tables (before and after it). */
  #generation = 0;
  #stamp: string | undefined;

  /** A cache over tables of `db` whose changes move the stamp of `topic`. */
  constructor(db: Database, topic: string) {
    this.#db = db;
    this.#topic = topic;
  }

  /** A write of this process to the tables begins or ends: nothing kept is trusted. */
  changed(): void {
    this.#generation++;
    this.#values.clear();
  }

  /**
   * The value kept under `key`, or `read()`'s, kept unless a write or another node's commit
   * came meanwhile. Inside a transaction nothing is kept nor used (it may see its own writes,
   * then roll back).
   */
  async get(key: string, read: () => Promise<V>): Promise<V> {
    if (this.#db.inTransaction) return await read();
    const generation = this.#generation;
    const stamp = this.#db.knownStamp?.(this.#topic) ?? await this.#db.changeStamp(this.#topic);
    if (stamp !== this.#stamp) {
      this.#values.clear();
      this.#stamp = stamp;
    }
    const kept = this.#values.get(key);
    if (kept !== undefined) return kept;
    const value = await read();
    if (generation === this.#generation && stamp === this.#stamp) {
      if (this.#values.size >= KEPT_READS_LIMIT) this.#values.clear();
      this.#values.set(key, value);
    }
    return value;
  }
}
