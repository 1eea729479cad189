/**
 * The embedded implementation of the storage seam: one SQLite file (`node:sqlite`), one
 * connection, used by one process (a stdio instance may share the file; SQLite's own locks keep
 * them apart).
 *
 * One connection means one transaction at a time: while a transaction's work awaits, the calls
 * of other requests wait for it to end instead of slipping into it (and being rolled back with
 * it). Which calls belong to the transaction is known from the async context they run in.
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { CHANGE_CHECK_MS, type Database, type Migration, type SqlValue } from "./database.ts";
import { SqliteConnection } from "./sqlite_connection.ts";
import { readSafely, tooLarge } from "./sqlite_safe_integers.ts";
import type {
  AsideDerivation,
  AsideStatement,
  DerivedRead,
  WalCheckpointer,
} from "./wal_checkpointer.ts";
import { CheckpointerStart } from "./checkpointer_start.ts";
import type { Logger } from "../log.ts";

export {
  BACKSTOP_CHECKPOINT_FRAMES,
  CHECKPOINTER_START_CHECK_MS,
  CHECKPOINTER_START_CHECK_WRITES,
  CHECKPOINTER_START_FILE_BYTES,
  CHECKPOINTER_START_FRAMES,
} from "./checkpointer_start.ts";

/** The transaction a piece of async work runs in. */
interface Scope {
  db: SqliteDatabase;
  token: object;
}

const scopes = new AsyncLocalStorage<Scope>();

/** The change stamp of a database no other connection writes: it never changes. */
const SOLE_STAMP = "sole";

/** Options of {@linkcode SqliteDatabase}. */
export interface SqliteOptions {
  /**
   * Checkpoint the WAL on a worker thread instead of inside the commits of this connection
   * (`wal_checkpointer.ts`); the server opens its file so. Ignored for `:memory:`. The worker is
   * started on its first use: once the WAL file holds {@linkcode CHECKPOINTER_START_FRAMES}
   * pages (looked at every {@linkcode CHECKPOINTER_START_CHECK_MS}, and at once), or by the
   * first read aside; at once for a file of {@linkcode CHECKPOINTER_START_FILE_BYTES}.
   */
  checkpointInWorker?: boolean;
  /** Starts the checkpointer (tests give one that fails). */
  startCheckpointer?: typeof WalCheckpointer.start;
  /** Where the checkpointer's start and failures are logged (none without). */
  log?: Logger;
  /**
   * No other connection (process) ever commits to this file: a private temporary database, as a
   * simulation run makes. Other connections' commits are then never looked for
   * ({@linkcode SqliteConnection.soleWriter}); the checkpointer's connection only checkpoints and
   * reads.
   */
  soleWriter?: boolean;
}

/** SQLite behind the storage seam. */
export class SqliteDatabase implements Database {
  readonly dialect = "sqlite" as const;
  /** The synchronous connection, for SQLite-only code (run it through {@linkcode exclusive}). */
  readonly connection: SqliteConnection;
  /** The token of the open transaction, if any. */
  #owner: object | null = null;
  /** Resolves when the open transaction ends. */
  #ended: Promise<void> = Promise.resolve();
  #dataVersion = "";
  #checkedAt = -Infinity;
  /** Starts the checkpointer's worker on first use; null without one. */
  readonly #checkpointerStart: CheckpointerStart | null = null;

  /** Opens (creating if needed) the database file at `path` (`:memory:` for tests). */
  constructor(path: string, options: SqliteOptions = {}) {
    this.connection = new SqliteConnection(path, { soleWriter: options.soleWriter });
    if (options.checkpointInWorker && path !== ":memory:") {
      this.#checkpointerStart = new CheckpointerStart(
        this.connection,
        path,
        { start: options.startCheckpointer, log: options.log },
      );
    }
  }

  /**
   * The worker checkpointing the WAL, when this connection does not and the worker has been
   * started (see {@linkcode SqliteOptions.checkpointInWorker}).
   */
  get checkpointer(): WalCheckpointer | null {
    return this.#checkpointerStart?.checkpointer ?? null;
  }

  /** Why the checkpointer's worker could not be started, if it could not. */
  get checkpointerError(): Error | null {
    return this.#checkpointerStart?.error ?? null;
  }

  /** Starts the checkpointer's worker if it was not yet (tests); null without one. */
  startCheckpointer(): WalCheckpointer | null {
    return this.#checkpointerStart?.now() ?? null;
  }

  /**
   * Runs read-only `statements` in one transaction on the WAL checkpointer's own connection, off
   * the event loop, resolving with each one's first row; undefined when there is no worker
   * (an in-memory database, or the worker failed): the caller reads here instead.
   */
  readAside(
    statements: readonly AsideStatement[],
  ): Promise<Array<Record<string, unknown> | undefined>> | undefined {
    const worker = this.#checkpointerStart?.now() ?? null;
    if (!worker || worker.failure) return undefined;
    return worker.read(statements);
  }

  /**
   * {@linkcode readAside}, and what `derive` makes of the rows, run on the worker too
   * (`WalCheckpointer.readDerived`); undefined when there is no worker.
   */
  readAsideDerived(
    statements: readonly AsideStatement[],
    derive: AsideDerivation,
  ): Promise<DerivedRead> | undefined {
    const worker = this.#checkpointerStart?.now() ?? null;
    if (!worker || worker.failure) return undefined;
    return worker.readDerived(statements, derive);
  }

  get location(): string {
    return this.connection.path;
  }

  get isOpen(): boolean {
    return this.connection.raw.isOpen;
  }

  get writes(): number {
    // Every statement that writes, and every BEGIN, COMMIT and ROLLBACK, goes through it.
    return this.connection.writes;
  }

  get inTransaction(): boolean {
    return this.#owner !== null && scopes.getStore()?.token === this.#owner;
  }

  /** True when a transaction other than the caller's is open. */
  #blocked(): boolean {
    return this.#owner !== null && scopes.getStore()?.token !== this.#owner;
  }

  /**
   * Runs synchronous `work` on {@linkcode connection} once no other context's transaction is
   * open (at once when none is, or when the caller is inside it).
   */
  async exclusive<T>(work: (connection: SqliteConnection) => T): Promise<T> {
    while (this.#blocked()) await this.#ended;
    const result = work(this.connection);
    this.#checkpointerStart?.afterWrite();
    return result;
  }

  all<T>(sql: string, ...params: SqlValue[]): Promise<T[]> {
    return this.exclusive((c) => c.all<T>(sql, ...params));
  }

  get<T>(sql: string, ...params: SqlValue[]): Promise<T | undefined> {
    return this.exclusive((c) => c.get<T>(sql, ...params));
  }

  /** See {@linkcode Database.allArrays}: the statement is prepared apart (not the cached one). */
  allArrays(sql: string, ...params: SqlValue[]): Promise<unknown[][]> {
    return this.exclusive((c) => {
      const statement = c.raw.prepare(sql);
      // In node:sqlite, not yet in its types.
      (statement as unknown as { setReturnArrays(on: boolean): void }).setReturnArrays(true);
      try {
        return statement.all(...params) as unknown as unknown[][];
      } catch (error) {
        // An integer beyond 2^53 - 1 read again as a bigint (held to ±(2^53 - 1)), as `all` does.
        if (!tooLarge(error)) throw error;
        return readSafely(statement, (safe) => safe.all(...params)) as unknown[][];
      }
    });
  }

  run(sql: string, ...params: SqlValue[]): Promise<number> {
    return this.exclusive((c) => c.run(sql, ...params));
  }

  exec(sql: string): Promise<void> {
    return this.exclusive((c) => c.exec(sql));
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const scope = scopes.getStore();
    if (scope?.db === this && scope.token === this.#owner) return await work();
    while (this.#blocked()) await this.#ended;
    const token = {};
    let release!: () => void;
    this.#ended = new Promise((resolve) => (release = resolve));
    this.#owner = token;
    try {
      this.connection.begin();
      try {
        const result = await scopes.run({ db: this, token }, work);
        this.connection.commit();
        return result;
      } catch (error) {
        this.connection.rollback();
        throw error;
      }
    } finally {
      this.#owner = null;
      release();
    }
  }

  lock(_key: string): Promise<void> {
    // BEGIN IMMEDIATE already holds the file's write lock: every transaction is exclusive.
    if (!this.inTransaction) {
      return Promise.reject(new Error("lock() needs a transaction"));
    }
    return Promise.resolve();
  }

  async changeStamp(_topic: string, options: { fresh?: boolean } = {}): Promise<string> {
    // Date.now, not performance.now: this runs on every cached read, and Deno's high-resolution
    // clock costs several times more; a clock set back rechecks at once.
    // No other connection commits: data_version never moves (this connection's commits are
    // the writes counter's).
    if (this.connection.soleWriter) return SOLE_STAMP;
    const now = Date.now();
    if (options.fresh || this.#stale(now)) {
      // Other connections' commits change data_version; this connection's own do not.
      const row = await this.get<{ data_version: number }>("PRAGMA data_version");
      this.#dataVersion = String(row?.data_version);
      this.#checkedAt = now;
    }
    return this.#dataVersion;
  }

  knownStamp(_topic: string): string | undefined {
    if (this.connection.soleWriter) return SOLE_STAMP;
    return this.#stale(Date.now()) ? undefined : this.#dataVersion;
  }

  /** True when `data_version` is due for a read (or the clock was set back since the last). */
  #stale(now: number): boolean {
    return now - this.#checkedAt >= CHANGE_CHECK_MS.sqlite || now < this.#checkedAt;
  }

  migrate(migrations: readonly Migration[]): Promise<string[]> {
    return this.exclusive((c) => c.migrate(migrations));
  }

  async close(): Promise<void> {
    // At once, as without a worker: work still pending (a reaction to a store) must not write
    // after its caller closed the database. The worker's connection, closed last, checkpoints
    // the rest and removes the WAL.
    this.#checkpointerStart?.stop();
    this.connection.close();
    await this.#checkpointerStart?.checkpointer?.close();
  }
}
