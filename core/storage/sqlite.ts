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
import {
  type AsideDerivation,
  type AsideStatement,
  CHECKPOINT_FRAMES,
  type DerivedRead,
  WalCheckpointer,
} from "./wal_checkpointer.ts";

/** The transaction a piece of async work runs in. */
interface Scope {
  db: SqliteDatabase;
  token: object;
}

const scopes = new AsyncLocalStorage<Scope>();

/** SQLite's default `wal_autocheckpoint` (pages), taken back if the checkpointer fails. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * Pages in the WAL file that start the checkpointer's worker (a quarter of what makes a
 * checkpoint): a worker is a V8 isolate of its own (~14 MB of RSS), which a server that reads
 * and hardly writes never needs.
 */
export const CHECKPOINTER_START_FRAMES = CHECKPOINT_FRAMES / 4;

/**
 * A database file at least this large starts the checkpointer's worker as it is opened: 10,000
 * memories take about this much, and a persona of `ASIDE_READ_MIN` (20,000) has its indexes read
 * aside on the worker from the start (`SqliteDatabase.readAside`), which then need not wait for
 * the worker to boot.
 */
export const CHECKPOINTER_START_FILE_BYTES = 16 * 1024 * 1024;

/** How often the size of the WAL file is looked at until the worker is started (ms). */
export const CHECKPOINTER_START_CHECK_MS = 1000;

/**
 * Writes after which the size of the WAL file is looked at again until the worker is started:
 * a loop of awaited writes (an import) runs on microtasks alone, so the timer above never fires
 * during it.
 */
export const CHECKPOINTER_START_CHECK_WRITES = CHECKPOINTER_START_FRAMES;

/**
 * The automatic checkpoint the server's connection keeps under the worker (pages): a backstop.
 * The worker's PASSIVE checkpoints never catch up with a writer that never pauses (a burst of
 * awaited writes), so the WAL would never restart and grow with every write; past this many
 * pages a commit checkpoints inline, as SQLite does by default at 1,000, and the WAL restarts.
 * Ordinary load never reaches it: the worker checkpoints at {@linkcode CHECKPOINT_FRAMES}.
 */
export const BACKSTOP_CHECKPOINT_FRAMES = 8 * CHECKPOINT_FRAMES;

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
  #checkpointer: WalCheckpointer | null = null;
  /** Starts the worker; null without one, or once it is started. */
  #startCheckpointer: (() => WalCheckpointer | null) | null = null;
  /** Why the worker could not be started, if it could not (commits then checkpoint inline). */
  #checkpointerError: Error | null = null;
  #startCheck: ReturnType<typeof setInterval> | undefined;
  /** Looks at the size of the WAL file (and starts the worker past its threshold). */
  #look: (() => void) | null = null;
  /** The write count at which {@linkcode exclusive} looks next; never once the worker runs. */
  #lookAtWrites = Infinity;

  /** Opens (creating if needed) the database file at `path` (`:memory:` for tests). */
  constructor(path: string, options: SqliteOptions = {}) {
    this.connection = new SqliteConnection(path, { soleWriter: options.soleWriter });
    if (options.checkpointInWorker && path !== ":memory:") {
      const raw = this.connection.raw;
      raw.exec(`PRAGMA wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_FRAMES}`);
      const start = options.startCheckpointer ?? WalCheckpointer.start;
      // Without the worker, the WAL would grow until the backstop: checkpoint in commits again.
      const inline = () =>
        raw.isOpen && raw.exec(`PRAGMA wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      this.#startCheckpointer = () => {
        try {
          return start(path, { onFailure: inline });
        } catch (error) {
          // Started from a timer or under a write (a Worker refused): never thrown there.
          this.#checkpointerError = error instanceof Error ? error : new Error(String(error));
          inline();
          return null;
        }
      };
      const pageSize = (raw.prepare("PRAGMA page_size").get() as { page_size: number }).page_size;
      // A WAL frame is a page and its 24-byte header, after the file's 32-byte header.
      const startBytes = 32 + CHECKPOINTER_START_FRAMES * (pageSize + 24);
      const look = () => {
        this.#lookAtWrites = this.connection.writes + CHECKPOINTER_START_CHECK_WRITES;
        let size = 0;
        try {
          size = Deno.statSync(`${path}-wal`).size;
        } catch {
          // No WAL file yet.
        }
        if (size >= startBytes) this.#checkpointerNow();
      };
      let fileSize = 0;
      try {
        fileSize = Deno.statSync(path).size;
      } catch {
        // Not a file SQLite made yet.
      }
      if (fileSize >= CHECKPOINTER_START_FILE_BYTES) this.#checkpointerNow();
      else look();
      if (!this.#checkpointer) {
        this.#look = look;
        const timer = setInterval(look, CHECKPOINTER_START_CHECK_MS);
        Deno.unrefTimer(timer);
        this.#startCheck = timer;
      }
    }
  }

  /**
   * The worker checkpointing the WAL, when this connection does not and the worker has been
   * started (see {@linkcode SqliteOptions.checkpointInWorker}).
   */
  get checkpointer(): WalCheckpointer | null {
    return this.#checkpointer;
  }

  /** The checkpointer's worker, started now if it was not yet; null without one. */
  #checkpointerNow(): WalCheckpointer | null {
    const start = this.#startCheckpointer;
    if (start && this.isOpen) {
      this.#startCheckpointer = null;
      clearInterval(this.#startCheck);
      this.#look = null;
      this.#lookAtWrites = Infinity;
      this.#checkpointer = start();
    }
    return this.#checkpointer;
  }

  /** Why the checkpointer's worker could not be started, if it could not. */
  get checkpointerError(): Error | null {
    return this.#checkpointerError;
  }

  /** Starts the checkpointer's worker if it was not yet (tests); null without one. */
  startCheckpointer(): WalCheckpointer | null {
    return this.#checkpointerNow();
  }

  /**
   * Runs read-only `statements` in one transaction on the WAL checkpointer's own connection, off
   * the event loop, resolving with each one's first row; undefined when there is no worker
   * (an in-memory database, or the worker failed): the caller reads here instead.
   */
  readAside(
    statements: readonly AsideStatement[],
  ): Promise<Array<Record<string, unknown> | undefined>> | undefined {
    const worker = this.#checkpointerNow();
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
    const worker = this.#checkpointerNow();
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
    if (this.connection.writes >= this.#lookAtWrites) this.#look?.();
    return result;
  }

  all<T>(sql: string, ...params: SqlValue[]): Promise<T[]> {
    return this.exclusive((c) => c.all<T>(sql, ...params));
  }

  get<T>(sql: string, ...params: SqlValue[]): Promise<T | undefined> {
    return this.exclusive((c) => c.get<T>(sql, ...params));
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
    this.#startCheckpointer = null;
    clearInterval(this.#startCheck);
    this.#look = null;
    this.#lookAtWrites = Infinity;
    this.connection.close();
    await this.#checkpointer?.close();
  }
}
