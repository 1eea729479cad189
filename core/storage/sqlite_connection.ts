/**
 * SQLite through Deno's built-in `node:sqlite`, synchronously: a file under DATA_DIR (or
 * `:memory:` in unit tests), WAL mode, foreign keys on, cached prepared statements and named
 * migrations. {@linkcode SqliteDatabase} (`sqlite.ts`) puts the storage seam over it; code that
 * only ever runs on SQLite (the embedded memory backend's indexes) uses it directly.
 *
 * @module
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { Migration, SqlValue } from "./database.ts";
import { applyMigrations } from "./sqlite_migrate.ts";
import { readSafely, tooLarge } from "./sqlite_safe_integers.ts";

export type { Migration, SqlValue };

/** A write read back (`INSERT … RETURNING`) counts as a write for the read cache. */
const RETURNING = /\bRETURNING\b/i;

/**
 * The size a WAL file is cut back to when it restarts (`PRAGMA journal_size_limit`): a WAL that
 * grew in a burst (or behind a long read) would otherwise keep its size on disk for good.
 */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/** Most prepared statements kept (least recently used go first). */
export const STATEMENT_CACHE_SIZE = 256;

/** A prepared statement in the cache. */
interface CachedStatement {
  statement: StatementSync;
  /** True for a write read back (`RETURNING`): tested once, when prepared. */
  writes: boolean;
  /** When it was last used (the connection's use counter then). */
  used: number;
}

/** A thin, typed, synchronous layer over `DatabaseSync`. */
export class SqliteConnection {
  /** The underlying connection, for the rare statement this class does not cover. */
  readonly raw: DatabaseSync;
  /** The file path, or `:memory:`. */
  readonly path: string;
  /**
   * True when no other connection ever commits to this file (a private temporary database, as
   * a simulation run makes): `PRAGMA data_version`, which only other connections' commits move,
   * then need not be asked (`SqliteDatabase.changeStamp`, the memory indexes' refresh).
   */
  readonly soleWriter: boolean;
  readonly #statements = new Map<string, CachedStatement>();
  /** Uses of cached statements so far: the stamp of the latest. */
  #uses = 0;
  #depth = 0;
  #writes = 0;
  /** Writes that took effect: statements run outside a transaction, and commits. */
  #landed = 0;
  /** What caches changed in the open transaction undo if it rolls back ({@linkcode onRollback}). */
  #undo: Array<() => void> = [];

  /**
   * Opens (creating if needed) the database at `path`; `soleWriter` only for a file no other
   * connection writes (see {@linkcode soleWriter}).
   */
  constructor(path: string, options: { soleWriter?: boolean } = {}) {
    this.path = path;
    this.soleWriter = options.soleWriter ?? false;
    this.raw = new DatabaseSync(path);
    this.raw.exec("PRAGMA foreign_keys = ON");
    // SQLite's busy handler sleeps on this thread: `SqliteDatabase` (the server's) turns it off
    // once the file is open and waits for other connections' locks asynchronously instead.
    this.raw.exec("PRAGMA busy_timeout = 5000");
    if (path !== ":memory:") {
      this.raw.exec("PRAGMA journal_mode = WAL");
      this.raw.exec("PRAGMA synchronous = NORMAL");
      this.raw.exec(`PRAGMA journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    }
  }

  /**
   * A cached prepared statement for `sql`. The cache keeps the {@linkcode STATEMENT_CACHE_SIZE}
   * most recently used statements, so SQL built at run time (IN lists of any length) cannot
   * grow it without end.
   */
  prepare(sql: string): StatementSync {
    return this.#cached(sql).statement;
  }

  /**
   * The cache entry of `sql`, prepared on a miss. A hit only stamps the entry (a simulated turn
   * runs ~80 statements, and moving each to the end of the map cost 0.8 µs a time); a miss with
   * the cache full evicts the entry used longest ago, found by a scan.
   */
  #cached(sql: string): CachedStatement {
    let entry = this.#statements.get(sql);
    if (entry) {
      entry.used = ++this.#uses;
      return entry;
    }
    // Prepared first: SQL that fails to prepare takes no entry's place.
    const statement = this.raw.prepare(sql);
    if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#evictOldest();
    entry = { statement, writes: RETURNING.test(sql), used: ++this.#uses };
    this.#statements.set(sql, entry);
    return entry;
  }

  #evictOldest(): void {
    let oldest: string | undefined;
    let oldestUse = Infinity;
    for (const [sql, { used }] of this.#statements) {
      if (used < oldestUse) [oldest, oldestUse] = [sql, used];
    }
    if (oldest !== undefined) this.#statements.delete(oldest);
  }

  /**
   * Statements run so far (cached statements' uses, and every `exec`, BEGIN and COMMIT): moves
   * whenever the connection is used, for a watcher of quiet moments (`checkpointer_start.ts`).
   */
  get activity(): number {
    return this.#uses + this.#writes;
  }

  /** Statements in the cache (for tests). */
  get cachedStatements(): number {
    return this.#statements.size;
  }

  /** All rows of a query. */
  all<T>(sql: string, ...params: SqlValue[]): T[] {
    const entry = this.#cached(sql);
    if (entry.writes) this.#writes++;
    try {
      const rows = entry.statement.all(...params) as T[];
      if (entry.writes) this.#settled();
      return rows;
    } catch (error) {
      if (entry.writes || !tooLarge(error)) throw error;
      return readSafely(entry.statement, (statement) => statement.all(...params)) as T[];
    }
  }

  /** The first row of a query, if any. */
  get<T>(sql: string, ...params: SqlValue[]): T | undefined {
    const entry = this.#cached(sql);
    if (entry.writes) this.#writes++;
    try {
      const row = entry.statement.get(...params) as T | undefined;
      if (entry.writes) this.#settled();
      return row;
    } catch (error) {
      if (entry.writes || !tooLarge(error)) throw error;
      const [row] = readSafely(entry.statement, (statement) => [statement.get(...params)]);
      return row as T | undefined;
    }
  }

  /** Runs a write; returns the number of changed rows. */
  run(sql: string, ...params: SqlValue[]): number {
    this.#writes++;
    const changes = Number(this.prepare(sql).run(...params).changes);
    this.#settled();
    return changes;
  }

  /**
   * Runs an `INSERT` of one row; returns its rowid (`last_insert_rowid()`, which rows inserted
   * by triggers do not change): half the CPU of reading it back with `RETURNING`.
   */
  insert(sql: string, ...params: SqlValue[]): number {
    this.#writes++;
    const rowid = Number(this.prepare(sql).run(...params).lastInsertRowid);
    this.#settled();
    return rowid;
  }

  /** Runs one or more statements without parameters. */
  exec(sql: string): void {
    this.#writes++;
    this.raw.exec(sql);
    this.#settled();
  }

  /** A write succeeded: outside a transaction (autocommit, or a COMMIT) it took effect. */
  #settled(): void {
    if (!this.raw.isTransaction) this.#landed++;
  }

  /**
   * Writes that took effect so far (statements run outside a transaction, commits): when a
   * statement finds the file locked, work that wrote nothing lasting since it began can run
   * again from its start (`SqliteDatabase.exclusive`); work that did cannot.
   */
  get landed(): number {
    return this.#landed;
  }

  /**
   * Writes made through this connection so far (statements run, transactions rolled back): a
   * read cache of this process compares it (see `read_cache.ts`); other processes' commits show
   * in `SqliteDatabase.changeStamp`.
   */
  get writes(): number {
    return this.#writes;
  }

  /**
   * Runs `work` in a transaction. Nested calls join the outer one, and so does a call made while
   * {@linkcode SqliteDatabase} has a transaction open on this connection.
   */
  transaction<T>(work: () => T): T {
    if (this.#depth > 0 || this.raw.isTransaction) {
      this.#depth++;
      try {
        return work();
      } finally {
        this.#depth--;
      }
    }
    // A transaction counts as a write when it begins and when it ends, whatever its statements
    // were (an `INSERT … RETURNING` read with `get` writes too).
    this.begin();
    this.#depth = 1;
    try {
      const result = work();
      this.commit();
      return result;
    } catch (error) {
      this.rollback();
      throw error;
    } finally {
      this.#depth = 0;
    }
  }

  /**
   * Begins a write transaction (`BEGIN IMMEDIATE`); {@linkcode commit} or {@linkcode rollback}
   * ends it.
   */
  begin(): void {
    this.exec("BEGIN IMMEDIATE");
  }

  /** Commits the open transaction: what caches registered with {@linkcode onRollback} stands. */
  commit(): void {
    this.exec("COMMIT");
    if (this.#undo.length > 0) this.#undo = [];
  }

  /**
   * Rolls the open transaction back (if SQLite has not already) and runs what caches registered
   * with {@linkcode onRollback}, latest first.
   */
  rollback(): void {
    const undo = this.#undo;
    this.#undo = [];
    try {
      if (this.raw.isTransaction) this.raw.exec("ROLLBACK");
    } finally {
      // What was read inside the transaction may have been undone.
      this.#writes++;
      for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
    }
  }

  /**
   * Registers `undo` to run if the open transaction rolls back, however deep in nested calls the
   * caller is: a cache changed inside a transaction (which may be a caller's, joined without a
   * savepoint) forgets the change there. Forgotten when the transaction commits; a no-op outside
   * a transaction. Costs nothing on statements: only a cache's write calls it.
   */
  onRollback(undo: () => void): void {
    if (this.raw.isTransaction) this.#undo.push(undo);
  }

  /**
   * Applies the migrations not applied yet, in order, all in one write transaction (so two
   * processes starting on one file at once apply each migration once); returns their names.
   */
  migrate(migrations: readonly Migration[]): string[] {
    return applyMigrations(this, migrations);
  }

  /** Closes the connection. */
  close(): void {
    this.#statements.clear();
    if (this.raw.isOpen) this.raw.close();
  }
}
