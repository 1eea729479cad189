/**
 * The SQLite backend's access counts: each search's hits are counted at once
 * ({@linkcode PendingTouches}) and written {@linkcode TOUCH_WRITE_DELAY_MS} later with every
 * other search's of the while, in commits of up to {@linkcode TOUCH_WRITE_PIECE} searches each.
 *
 * @module
 */
import { COUNT_MAX } from "../numbers.ts";
import type { SqliteDatabase } from "../storage/sqlite.ts";
import type { MemoryRecord } from "./schema.ts";
import { PendingTouches, type Touch } from "./pending_touches.ts";
import type { RowCache } from "./row_cache.ts";

// Saturating at COUNT_MAX, as every stored count (`core/numbers.ts`).
const TOUCH = `INSERT INTO memory_access (seq, accessed_count, last_accessed)
  SELECT seq, 1, ?1 FROM memories WHERE id IN (SELECT value FROM json_each(?2))
  ON CONFLICT (seq) DO UPDATE SET accessed_count = MIN(accessed_count + 1, ${COUNT_MAX}),
    last_accessed = ?1`;

/**
 * How long after a search its access counts are written (with every other search's of the
 * while, in one commit); reads see them at once (`pending_touches.ts`).
 */
export const TOUCH_WRITE_DELAY_MS = 25;

/**
 * Most searches' counts the timed write takes in one transaction; the rest follow in pieces as
 * big, a turn of the event loop apart, so a busy server's write never holds a waiting reply for
 * long. At 32 sessions (~7 searches in 25 ms) one write took ~1 ms at once; a piece of 4 is about
 * half that, for one more commit (~0.13 ms) per write. {@linkcode TouchWriter.flush} still
 * writes all at once.
 */
export const TOUCH_WRITE_PIECE = 4;

/**
 * Access counts not written yet: written {@linkcode TOUCH_WRITE_DELAY_MS} after the first
 * (every search's of the while, oldest first, {@linkcode TOUCH_WRITE_PIECE} searches a
 * transaction and commit, each search's statement as it
 * was: the same counts and times), counted in every record read meanwhile.
 */
export class TouchWriter {
  readonly #storage: SqliteDatabase;
  /** Kept candidate rows, which carry the counts written. */
  readonly #rows: RowCache;
  readonly #pending = new PendingTouches();
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Counts written to `storage`, `rows` kept in step. */
  constructor(storage: SqliteDatabase, rows: RowCache) {
    this.#storage = storage;
    this.#rows = rows;
  }

  /** How many searches' counts wait. */
  get size(): number {
    return this.#pending.size;
  }

  /** `record` with its pending accesses counted. */
  applied(record: MemoryRecord): MemoryRecord {
    return this.#pending.applied(record);
  }

  /** Forgets the pending counts of deleted memories. */
  forgetIds(ids: readonly string[]): void {
    this.#pending.forgetIds(ids);
  }

  /** Forgets the pending counts of a deleted persona's memories. */
  forgetPersona(personaId: string): void {
    this.#pending.forgetPersona(personaId);
  }

  /** Counts one access of each of `records` at `at`. */
  touch(records: readonly MemoryRecord[], at: string): Promise<void> {
    // A caller inside a transaction writes in it: undone with it, seen by it.
    if (this.#storage.inTransaction) {
      return this.#storage.exclusive(() =>
        this.#write([{ at, ids: records.map((record) => record.id) }])
      );
    }
    this.#pending.add(records, at);
    if (this.#timer === undefined) this.#arm(TOUCH_WRITE_DELAY_MS);
    return Promise.resolve();
  }

  /** Writes the pending access counts (once no other request's transaction is open). */
  flush(): Promise<void> {
    this.#disarm();
    return this.#storage.exclusive(() => this.#take(Infinity));
  }

  /**
   * What the timer runs: the oldest {@linkcode TOUCH_WRITE_PIECE} searches' counts, and the
   * next piece armed for the next turn of the event loop while any wait.
   */
  async writePiece(): Promise<void> {
    this.#disarm();
    await this.#storage.exclusive(() => this.#take(TOUCH_WRITE_PIECE));
    if (this.#pending.size > 0) {
      this.#disarm();
      this.#arm(0);
    }
  }

  #arm(delayMs: number): void {
    const timer = setTimeout(() => this.writePiece(), delayMs);
    // Pending counts never keep the process alive: `close` writes them.
    Deno.unrefTimer(timer as unknown as number);
    this.#timer = timer;
  }

  #disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Writes the oldest `limit` pending touches. */
  #take(limit: number): void {
    const touches = this.#pending.take(limit);
    if (touches.length === 0) return;
    try {
      this.#write(touches);
    } catch {
      // One search's failure (a database error) must not lose everyone's counts.
      for (const touch of touches) {
        try {
          this.#write([touch]);
        } catch { /* that search's hits stay uncounted */ }
      }
    }
  }

  /** Writes `touches` in one transaction (inside a caller's, when in one) and its kept rows. */
  #write(touches: readonly Touch[]): void {
    const db = this.#storage.connection;
    // Kept rows change with the commit; inside a caller's transaction (which may roll back)
    // they are forgotten instead.
    const outer = db.raw.isTransaction;
    db.transaction(() => {
      for (const { at, ids } of touches) db.run(TOUCH, at, JSON.stringify(ids));
    });
    for (const { at, ids } of touches) {
      if (outer) this.#rows.forgetIds(ids);
      else this.#rows.touched(ids, at);
    }
  }
}
