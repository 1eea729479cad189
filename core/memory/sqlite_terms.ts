/**
 * The SQLite backend's term ids: the `memory_terms` table, one id per analysed term for every
 * persona, kept in memory once read. Each memory stores its terms as these ids (`terms`, a
 * BLOB of sorted 32-bit ids), so loading a persona's BM25 index reads numbers instead of
 * analysing every text again.
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import type { TermDictionary } from "./lexical_index.ts";

/** Term ids in the `memory_terms` table. */
export class SqliteTerms implements TermDictionary {
  readonly #db: Database;
  readonly #ids = new Map<string, number>();
  /** Terms by id (those read or interned here). */
  #terms: string[] = [];
  /** The highest id read from the table. */
  #read = 0;

  /** The terms of `db` (memory migrations applied). */
  constructor(db: Database) {
    this.#db = db;
    this.sync();
  }

  /** Reads the ids other connections (or this one) added since the last read. */
  sync(): void {
    const rows = this.#db.all<{ id: number; term: string }>(
      "SELECT id, term FROM memory_terms WHERE id > ? ORDER BY id",
      this.#read,
    );
    for (const { id, term } of rows) {
      this.#ids.set(term, id);
      this.#terms[id] = term;
      this.#read = Math.max(this.#read, id);
    }
  }

  /** Forgets what was read (after a rolled back write, whose new ids never existed). */
  reset(): void {
    this.#ids.clear();
    this.#terms = [];
    this.#read = 0;
    this.sync();
  }

  find(term: string): number | undefined {
    return this.#ids.get(term);
  }

  intern(term: string): number {
    let id = this.#ids.get(term);
    if (id === undefined) {
      // Another connection may have added it meanwhile: the table's id wins either way.
      id = this.#db.get<{ id: number }>(
        `INSERT INTO memory_terms (term) VALUES (?)
         ON CONFLICT (term) DO UPDATE SET term = excluded.term RETURNING id`,
        term,
      )!.id;
      this.#ids.set(term, id);
      this.#terms[id] = term;
    }
    return id;
  }

  termOf(id: number): string | undefined {
    return this.#terms[id];
  }
}
