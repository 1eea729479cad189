/**
 * Memory rows the SQLite backend read for search candidates, kept by row number (`seq`) so the
 * next search of the same persona does not read and copy them out of SQLite again (a search
 * reads up to a hundred candidate rows; the simulation spent a tenth of its time there).
 *
 * Kept rows are the raw rows (JSON columns as text). A kept row's record is made once, frozen
 * (its lists and metadata too) and given to every search that finds the row until the row
 * changes ({@linkcode RowCache.recordOf}): 32 chats that arrive together prepare in lockstep (their
 * SQLite awaits settle on microtasks), so each of their recalls holds its candidates' records
 * across every await and each young-generation collection of the burst copied all of them
 * (48 KB a recall, `tests/bench/lockstep_gc.ts`); shared, they are old objects nobody copies.
 * Frozen, no caller can change what the others hold (a write throws). The backend keeps them in step with every
 * write of this process ({@linkcode RowCache.forget} on insert, save and delete,
 * {@linkcode RowCache.touched} on access, {@linkcode RowCache.clear} when a persona's memories go)
 * and drops them all when another connection committed (`PRAGMA data_version` moved). Rows read
 * or touched inside a transaction are not kept: it may still roll back.
 *
 * @module
 */
import { addCount, storedCount } from "../numbers.ts";
import { makeRoom } from "./oldest_first.ts";
import type { MemoryRecord } from "./schema.ts";
import { fromRow, type MemoryRow, plainRow } from "./sqlite_rows.ts";

/** Most rows kept; past it the oldest kept go first (a sixteenth of it at once: `makeRoom`). */
export const ROW_CACHE_LIMIT = 10_000;

/** A memory row with its row number. */
export type NumberedRow = MemoryRow & { seq: number };

/** Memory rows by row number. */
export class RowCache {
  readonly #limit: number;
  readonly #rows = new Map<number, NumberedRow>();
  /** Memory id → row number, for the kept rows. */
  readonly #seqs = new Map<string, number>();
  /** The frozen record of a kept row, made on first use; a row forgotten takes its record along. */
  readonly #records = new WeakMap<NumberedRow, MemoryRecord>();

  /** A cache of at most `limit` rows. */
  constructor(limit = ROW_CACHE_LIMIT) {
    this.#limit = limit;
  }

  /** How many rows are kept (for tests). */
  get size(): number {
    return this.#rows.size;
  }

  /**
   * The rows numbered `seqs` that exist, in ascending row number (the order SQLite's
   * `seq IN (...)` answers in): kept ones from here, the others from `read` ({@linkcode plainRow}
   * of each), then kept.
   */
  rows(
    seqs: readonly number[],
    read: (missing: number[]) => NumberedRow[],
    options: { keep: boolean },
  ): NumberedRow[] {
    const found: NumberedRow[] = [];
    const missing: number[] = [];
    for (const seq of seqs) {
      const row = this.#rows.get(seq);
      if (row) found.push(row);
      else missing.push(seq);
    }
    if (missing.length > 0) {
      for (const raw of read(missing)) {
        const row = plainRow(raw);
        found.push(row);
        if (options.keep) this.#keep(row);
      }
    }
    return found.sort((a, b) => a.seq - b.seq);
  }

  /**
   * Keeps `rows` read ahead of any search (`memory_prep.ts`), as many as fit without forgetting
   * a kept row (those kept already stay as they are); how many it kept. Like the rows a search
   * reads, they must have been read outside a transaction, in step with this process's writes.
   */
  offer(rows: readonly NumberedRow[]): number {
    let kept = 0;
    for (const row of rows) {
      if (this.#rows.size >= this.#limit) break;
      if (this.#rows.has(row.seq)) continue;
      this.#keep(plainRow(row));
      kept++;
    }
    return kept;
  }

  /**
   * The record `row` stands for: for a row this cache keeps, one record made once and frozen
   * (deeply: its lists and metadata), the same object for every caller until the row changes; for
   * any other row (read inside a transaction, not kept) a fresh record, as {@linkcode fromRow}.
   */
  recordOf(row: NumberedRow): MemoryRecord {
    if (this.#rows.get(row.seq) !== row) return fromRow(row);
    let record = this.#records.get(row);
    if (record === undefined) {
      record = deepFrozen(fromRow(row));
      this.#records.set(row, record);
    }
    return record;
  }

  /** Whether it keeps fewer rows than its limit. */
  get hasRoom(): boolean {
    return this.#rows.size < this.#limit;
  }

  #keep(row: NumberedRow): void {
    makeRoom(this.#rows, this.#limit, (seqs) => this.forget(seqs));
    this.#rows.set(row.seq, row);
    this.#seqs.set(row.id, row.seq);
  }

  /** Forgets the rows numbered `seqs` (written, deleted, or numbers given to new rows). */
  forget(seqs: Iterable<number>): void {
    for (const seq of seqs) {
      const row = this.#rows.get(seq);
      if (!row) continue;
      this.#rows.delete(seq);
      this.#seqs.delete(row.id);
    }
  }

  /** Forgets the rows of memories `ids`. */
  forgetIds(ids: Iterable<string>): void {
    for (const id of ids) {
      const seq = this.#seqs.get(id);
      if (seq !== undefined) this.forget([seq]);
    }
  }

  /** What `touch` wrote: each of `ids` accessed once more, last at `at`. */
  touched(ids: Iterable<string>, at: string): void {
    for (const id of new Set(ids)) {
      const seq = this.#seqs.get(id);
      const row = seq === undefined ? undefined : this.#rows.get(seq);
      if (!row) continue;
      row.accessed_count = addCount(row.accessed_count);
      row.last_accessed = at;
      // Its counts moved, nothing else: its record is the one it had with the new counts, its
      // frozen lists and metadata shared, not parsed and frozen again (a recall touches its
      // hits, and the next one finds most of them again).
      const record = this.#records.get(row);
      if (record === undefined) continue;
      this.#records.set(
        row,
        Object.freeze({
          ...record,
          accessed_count: storedCount(row.accessed_count),
          last_accessed: row.last_accessed,
        }),
      );
    }
  }

  /** Forgets every row. */
  clear(): void {
    this.#rows.clear();
    this.#seqs.clear();
  }
}

/** `value` frozen, and every object and list in it (a record's JSON columns). */
function deepFrozen<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const field of Object.values(value)) deepFrozen(field);
    Object.freeze(value);
  }
  return value;
}
