/**
 * The books in play for a persona (and room), kept between chats: every chat reads them (two
 * statements, 43-77 µs, session 28) though they change rarely. Kept values go when this process
 * writes a book or an attachment ({@linkcode BooksInPlay.changed}, called before and after each
 * write, so a read that overlapped one is not kept), when a persona is deleted (its own book goes
 * with it, attachments to others too), and when the change stamp of {@linkcode LORE_TOPIC} moves:
 * another process's or node's commit (SQLite: any table's; PostgreSQL: the lore tables', see the
 * migration `lorebooks_5_change_topic`), within `CHANGE_CHECK_MS` as every cache of `Database.changeStamp`.
 *
 * @module
 */
import type { Database } from "../storage/database.ts";

/** The change topic (`Database.changeStamp`) of the lore tables. */
export const LORE_TOPIC = "lore";

/** Most keys (persona and room pairs) kept; past it the cache starts over. */
const BOOKS_IN_PLAY_LIMIT = 10_000;

/** Values read from the lore tables, by key, kept until a lore write or another node's commit. */
export class BooksInPlay<V> {
  readonly #db: Database;
  readonly #values = new Map<string, V>();
  /** Moves with each of this process's lore writes (before and after it). */
  #generation = 0;
  #stamp: string | undefined;

  /** A cache over `db`'s lore tables. */
  constructor(db: Database) {
    this.#db = db;
  }

  /** A lore write of this process begins or ends: nothing kept is trusted. */
  changed(): void {
    this.#generation++;
    this.#values.clear();
  }

  /**
   * The value kept under `key`, or `read()`'s, kept unless a lore write or another node's commit
   * came meanwhile. Inside a transaction nothing is kept nor used (it may see its own writes,
   * then roll back).
   */
  async get(key: string, read: () => Promise<V>): Promise<V> {
    if (this.#db.inTransaction) return await read();
    const generation = this.#generation;
    const stamp = this.#db.knownStamp?.(LORE_TOPIC) ?? await this.#db.changeStamp(LORE_TOPIC);
    if (stamp !== this.#stamp) {
      this.#values.clear();
      this.#stamp = stamp;
    }
    const kept = this.#values.get(key);
    if (kept !== undefined) return kept;
    const value = await read();
    if (generation === this.#generation && stamp === this.#stamp) {
      if (this.#values.size >= BOOKS_IN_PLAY_LIMIT) this.#values.clear();
      this.#values.set(key, value);
    }
    return value;
  }
}
