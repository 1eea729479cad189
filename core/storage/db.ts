/**
 * SQLite through Deno's built-in `node:sqlite`: a file under DATA_DIR (or `:memory:` in unit
 * tests), WAL mode, foreign keys on, cached prepared statements and named migrations.
 *
 * @module
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";

/** A value SQLite accepts as a bound parameter. */
export type SqlValue = SQLInputValue;

/** A schema change, applied once and remembered by name. */
export interface Migration {
  /** Unique, stable name, e.g. `personas_1`. */
  name: string;
  /** SQL run in one transaction. */
  sql: string;
}

/** Most prepared statements kept (least recently used go first). */
export const STATEMENT_CACHE_SIZE = 256;

/**
 * Longest time a commit by another process sharing the file may go unseen by
 * {@linkcode Database.generation} (ms): `PRAGMA data_version` costs about as much as a small
 * query, so it is asked at most that often.
 */
export const CROSS_PROCESS_CHECK_MS = 250;

/** A thin, typed layer over `DatabaseSync`. */
export class Database {
  /** The underlying connection, for the rare statement this class does not cover. */
  readonly raw: DatabaseSync;
  /** The file path, or `:memory:`. */
  readonly path: string;
  readonly #statements = new Map<string, StatementSync>();
  #depth = 0;
  #generation = 0;
  #dataVersion = -1;
  #checkedAt = -Infinity;

  /** Opens (creating if needed) the database at `path`. */
  constructor(path: string) {
    this.path = path;
    this.raw = new DatabaseSync(path);
    this.raw.exec("PRAGMA foreign_keys = ON");
    this.raw.exec("PRAGMA busy_timeout = 5000");
    if (path !== ":memory:") {
      this.raw.exec("PRAGMA journal_mode = WAL");
      this.raw.exec("PRAGMA synchronous = NORMAL");
    }
  }

  /**
   * A cached prepared statement for `sql`. The cache keeps the {@linkcode STATEMENT_CACHE_SIZE}
   * most recently used statements, so SQL built at run time (IN lists of any length) cannot
   * grow it without end.
   */
  prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement) {
      this.#statements.delete(sql);
    } else {
      statement = this.raw.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        this.#statements.delete(this.#statements.keys().next().value!);
      }
    }
    this.#statements.set(sql, statement);
    return statement;
  }

  /** Statements in the cache (for tests). */
  get cachedStatements(): number {
    return this.#statements.size;
  }

  /** All rows of a query. */
  all<T>(sql: string, ...params: SqlValue[]): T[] {
    return this.prepare(sql).all(...params) as T[];
  }

  /** The first row of a query, if any. */
  get<T>(sql: string, ...params: SqlValue[]): T | undefined {
    return this.prepare(sql).get(...params) as T | undefined;
  }

  /** Runs a write; returns the number of changed rows. */
  run(sql: string, ...params: SqlValue[]): number {
    this.#generation++;
    return Number(this.prepare(sql).run(...params).changes);
  }

  /** Runs one or more statements without parameters. */
  exec(sql: string): void {
    this.#generation++;
    this.raw.exec(sql);
  }

  /**
   * A number that changes whenever the data may have: with every write through this connection
   * at once, and with commits of other processes sharing the file within
   * {@linkcode CROSS_PROCESS_CHECK_MS}. Read caches keep a value while it stays the same (see
   * `read_cache.ts`): data read twice under one generation is the same data.
   */
  get generation(): number {
    const now = performance.now();
    if (now - this.#checkedAt >= CROSS_PROCESS_CHECK_MS && this.raw.isOpen) {
      this.#checkedAt = now;
      const { data_version } = this.prepare("PRAGMA data_version").get() as {
        data_version: number;
      };
      if (data_version !== this.#dataVersion) {
        this.#dataVersion = data_version;
        this.#generation++;
      }
    }
    return this.#generation;
  }

  /** Runs `work` in a transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T {
    if (this.#depth > 0) {
      this.#depth++;
      try {
        return work();
      } finally {
        this.#depth--;
      }
    }
    this.raw.exec("BEGIN IMMEDIATE");
    this.#depth = 1;
    try {
      const result = work();
      this.raw.exec("COMMIT");
      return result;
    } catch (error) {
      this.raw.exec("ROLLBACK");
      // What was read inside the transaction may have been undone.
      this.#generation++;
      throw error;
    } finally {
      this.#depth = 0;
    }
  }

  /** Applies the migrations not applied yet, in order; returns the names applied now. */
  migrate(migrations: readonly Migration[]): string[] {
    this.raw.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
    );
    const applied = new Set(
      this.all<{ name: string }>("SELECT name FROM schema_migrations").map((row) => row.name),
    );
    const now: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      this.transaction(() => {
        this.raw.exec(migration.sql);
        this.run(
          "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
          migration.name,
          new Date().toISOString(),
        );
      });
      now.push(migration.name);
    }
    return now;
  }

  /** Closes the connection. */
  close(): void {
    this.#statements.clear();
    if (this.raw.isOpen) this.raw.close();
  }
}
