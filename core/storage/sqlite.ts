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
import type { Database, Migration, SqlValue, StorageHealth } from "./database.ts";
import { allRowsAsArrays } from "./sqlite_arrays.ts";
import { SqliteChangeStamp } from "./sqlite_change_stamp.ts";
import type { SqliteConnection } from "./sqlite_connection.ts";
import { DEFAULT_LOCK_WAIT_MS, isLocked, lockedBusy, LockWait } from "./sqlite_lock_wait.ts";
import { awayFromTurn } from "../turn_away.ts";
import { describeOpenFailure, openSqliteFile } from "./sqlite_open.ts";
import { FaultState } from "./faults.ts";
import type {
  AsideDerivation,
  AsideStatement,
  DerivedRead,
  DerivedReadOptions,
  WalCheckpointer,
} from "./wal_checkpointer.ts";
import { CheckpointerStart } from "./checkpointer_start.ts";
import type { SqliteOptions } from "./sqlite_options.ts";

export { DEFAULT_LOCK_WAIT_MS } from "./sqlite_lock_wait.ts";
export type { SqliteOptions } from "./sqlite_options.ts";
export {
  BACKSTOP_CHECKPOINT_FRAMES,
  CHECKPOINTER_START_CHECK_MS,
  CHECKPOINTER_START_CHECK_WRITES,
  CHECKPOINTER_START_FILE_BYTES,
  CHECKPOINTER_START_FRAMES,
  CHECKPOINTER_START_NOW_FRAMES,
} from "./checkpointer_start.ts";

/** The transaction a piece of async work runs in. */
interface Scope {
  db: SqliteDatabase;
  token: object;
}

const scopes = new AsyncLocalStorage<Scope>();

/** SQLite behind the storage seam. */
export class SqliteDatabase implements Database {
  readonly dialect = "sqlite" as const;
  /** The synchronous connection, for SQLite-only code (run it through {@linkcode exclusive}). */
  readonly connection: SqliteConnection;
  /** The token of the open transaction, if any. */
  #owner: object | null = null;
  /** Resolves when the open transaction ends. */
  #ended: Promise<void> = Promise.resolve();
  readonly #stamp: SqliteChangeStamp;
  /** Starts the checkpointer's worker on first use; null without one. */
  readonly #checkpointerStart: CheckpointerStart | null = null;
  readonly #lockWaitMs: number;
  /** Whether writes fail for a disk full or a read-only file, as the latest ones saw it. */
  readonly #faults: FaultState;

  /**
   * Opens (creating if needed) the database file at `path` (`:memory:` for tests). A file it
   * cannot use or write fails with an error naming it and what to do (`sqlite_open.ts`).
   */
  constructor(path: string, options: SqliteOptions = {}) {
    this.connection = openSqliteFile(path, { soleWriter: options.soleWriter });
    this.#lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
    this.#faults = new FaultState(path, options.log);
    this.#stamp = new SqliteChangeStamp({
      soleWriter: this.connection.soleWriter,
      readVersion: () => this.get<{ data_version: number }>("PRAGMA data_version"),
    });
    if (options.checkpointInWorker && path !== ":memory:") {
      this.#checkpointerStart = new CheckpointerStart(
        this.connection,
        path,
        { start: options.startCheckpointer, log: options.log, whenQuiet: options.whenQuiet },
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
   * (`WalCheckpointer.readDerived`; `options.early` takes the rows before `derive` has run);
   * undefined when there is no worker.
   */
  readAsideDerived(
    statements: readonly AsideStatement[],
    derive: AsideDerivation,
    options: DerivedReadOptions = {},
  ): Promise<DerivedRead> | undefined {
    const worker = this.#checkpointerStart?.now() ?? null;
    if (!worker || worker.failure) return undefined;
    return worker.readDerived(statements, derive, options);
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
   * open (at once when none is, or when the caller is inside it). When another connection holds
   * the file's lock, `work` runs again after an awaited pause (`sqlite_lock_wait.ts`) if that is
   * safe: outside a transaction, and nothing `work` wrote took effect (its own transaction
   * rolled back), the caller's turn given back meanwhile (core/turn_away.ts: nothing is held);
   * else, or past `lockWaitMs`, it fails with `Busy`. A full disk or a read-only file fails with
   * `StorageUnavailable` (`faults.ts`).
   */
  async exclusive<T>(work: (connection: SqliteConnection) => T): Promise<T> {
    let wait: LockWait | undefined;
    for (;;) {
      while (this.#blocked()) await this.#ended;
      const landed = this.connection.landed;
      try {
        const result = work(this.connection);
        this.#checkpointerStart?.afterWrite();
        if (this.#faults.current && this.connection.landed !== landed) this.#faults.recovered();
        return result;
      } catch (error) {
        const again = isLocked(error) && !this.connection.raw.isTransaction &&
          this.connection.landed === landed;
        if (!again) throw this.#failure(error, wait);
        const pausing = wait ??= new LockWait(this.#lockWaitMs);
        await awayFromTurn(() => pausing.pause());
      }
    }
  }

  /** `error` as the caller hears it: a lock as `Busy`, a fault as `StorageUnavailable`. */
  #failure(error: unknown, wait?: LockWait): unknown {
    if (isLocked(error)) return lockedBusy(wait?.waitedMs ?? 0);
    return this.#faults.failed(error);
  }

  /**
   * The health route's check: a trivial query, and the fault writes last met, if any
   * (`degraded` until a write succeeds).
   */
  async health(): Promise<StorageHealth> {
    const up = await this.get("SELECT 1 AS ok").then(() => true, () => false);
    const fault = this.#faults.current;
    return fault ? { up, degraded: fault } : { up };
  }

  all<T>(sql: string, ...params: SqlValue[]): Promise<T[]> {
    return this.exclusive((c) => c.all<T>(sql, ...params));
  }

  get<T>(sql: string, ...params: SqlValue[]): Promise<T | undefined> {
    return this.exclusive((c) => c.get<T>(sql, ...params));
  }

  /** See {@linkcode Database.allArrays}: the statement is prepared apart (not the cached one). */
  allArrays(sql: string, ...params: SqlValue[]): Promise<unknown[][]> {
    return this.exclusive((c) => allRowsAsArrays(c, { sql, params }));
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
    const { token, release } = await this.#begin();
    try {
      try {
        const result = await scopes.run({ db: this, token }, work);
        this.connection.commit();
        this.#faults.recovered();
        return result;
      } catch (error) {
        this.connection.rollback();
        throw this.#failure(error);
      }
    } finally {
      this.#owner = null;
      release();
    }
  }

  /**
   * Begins a transaction and takes the connection for it (`#owner`) in one synchronous step,
   * through {@linkcode exclusive}: `BEGIN IMMEDIATE` is the safe point to try again at while
   * another connection holds the file's lock. `release` gives the connection back.
   */
  #begin(): Promise<{ token: object; release: () => void }> {
    return this.exclusive((c) => {
      c.begin();
      const token = {};
      let release!: () => void;
      this.#ended = new Promise((resolve) => (release = resolve));
      this.#owner = token;
      return { token, release };
    });
  }

  lock(_key: string): Promise<void> {
    // BEGIN IMMEDIATE already holds the file's write lock: every transaction is exclusive.
    if (!this.inTransaction) {
      return Promise.reject(new Error("lock() needs a transaction"));
    }
    return Promise.resolve();
  }

  /** See {@linkcode Database.changeStamp}: the file's `data_version` (`sqlite_change_stamp.ts`). */
  changeStamp(_topic: string, options: { fresh?: boolean } = {}): Promise<string> {
    return this.#stamp.stamp(options.fresh);
  }

  knownStamp(_topic: string): string | undefined {
    return this.#stamp.known();
  }

  /** Failures SQLite raises name the file and what to do (`describeOpenFailure`). */
  migrate(migrations: readonly Migration[]): Promise<string[]> {
    return this.exclusive((c) => c.migrate(migrations)).catch((error) => {
      throw describeOpenFailure(this.location, error);
    });
  }

  async close(): Promise<void> {
    // At once, as without a worker: work still pending (a reaction to a store) must not write
    // after its caller closed the database. The worker's connection, closed last, checkpoints
    // the rest and removes the WAL.
    this.#checkpointerStart?.stop();
    this.#stamp.close();
    this.connection.close();
    await this.#checkpointerStart?.checkpointer?.close();
  }
}
