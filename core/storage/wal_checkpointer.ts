/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the COMMIT that
 * pushes the WAL past 1,000 pages: that commit copies the pages into the database file and syncs
 * both files (with `synchronous = NORMAL`, the only syncs a WAL database makes), on the server's
 * one thread, so every request behind it waits (5 ms at p99 on the development machine under
 * chat load, 27-45 ms at worst). With a checkpointer the server's connection turns the automatic
 * checkpoint off and a worker thread with its own connection to the same file runs
 * `PRAGMA wal_checkpoint(PASSIVE)` when SQLite would have: once {@linkcode CHECKPOINT_FRAMES}
 * pages wait in the WAL (it looks every {@linkcode CHECKPOINT_INTERVAL_MS}, in the WAL-index
 * header of the `-shm` file, whose layout SQLite documents; if that file cannot be read, at
 * every change of `data_version`). Durability is SQLite's: a commit is in the WAL before it
 * returns; the WAL is synced before each checkpoint copies it and the database after, as before,
 * only on another thread. PASSIVE never waits for readers or writers, so the server's statements
 * never wait for it either (SQLite's WAL locks keep the two connections apart).
 *
 * The worker is made from this module's own function text (a `blob:` URL), so a bundled or
 * compiled server needs no separate file. If the worker fails, the server's connection takes the
 * automatic checkpoint back.
 *
 * @module
 */

/** How often the worker looks at the WAL (ms). */
export const CHECKPOINT_INTERVAL_MS = 250;

/** WAL pages not yet in the database file that make a checkpoint (SQLite's own default). */
export const CHECKPOINT_FRAMES = 1000;

/** What one `PRAGMA wal_checkpoint` reported: WAL frames, and how many are in the database. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/** Options of {@linkcode WalCheckpointer.start}. */
export interface CheckpointerOptions {
  /** How often the worker looks at the WAL (ms). */
  intervalMs?: number;
  /** WAL pages waiting that make a checkpoint. */
  frames?: number;
  /** Told once when the worker cannot go on (the caller takes checkpoints back). */
  onFailure?: (error: Error) => void;
}

/** A read-only statement with its parameters, run on the worker's connection. */
export interface AsideStatement {
  sql: string;
  params: ReadonlyArray<string | number | null>;
}

/**
 * The source text of a function the worker runs on the rows of a read (after the read's
 * transaction), returning a value to send back with them and the buffers to transfer, not
 * copy. It runs from its text: it must use nothing from outside its own body.
 */
export type AsideDerivation = string;

/** What a read with a derivation resolves with: the rows and the derived value. */
export interface DerivedRead {
  rows: Array<Record<string, unknown> | undefined>;
  derived: unknown;
}

/** Messages from the worker. */
type Report =
  | { kind: "checkpointed"; id: number; result: CheckpointResult }
  | { kind: "read"; id: number; rows: unknown[]; derived?: unknown }
  | { kind: "failed"; id: number | null; message: string }
  | { kind: "closed" };

/**
 * The worker's code. It runs in the worker only (made into a module from its text), so it
 * imports what it needs itself and uses nothing from this module's scope.
 */
function checkpointWorker(): void {
  const scope = self as unknown as {
    onmessage: ((event: MessageEvent) => void) | null;
    postMessage(message: unknown, options?: { transfer: Transferable[] }): void;
    close(): void;
  };
  let db: {
    exec(sql: string): void;
    prepare(sql: string): { get(...params: unknown[]): unknown };
    close(): void;
  };
  let opened: Promise<void> = Promise.resolve();
  let version: unknown = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let shm: Deno.FsFile | null = null;
  const header = new Uint8Array(100);
  /**
   * Pages in the WAL not yet in the database file, from the WAL-index header
   * (https://sqlite.org/walformat.html: mxFrame at byte 16, nBackfill at byte 96, native byte
   * order), read without a lock: a torn read only moves a checkpoint by one look. Null when the
   * file cannot be read.
   */
  const waiting = (path: string): number | null => {
    try {
      shm ??= Deno.openSync(`${path}-shm`, { read: true });
      if (shm.readSync(header.fill(0)) === null) return null;
      shm.seekSync(0, Deno.SeekMode.Start);
      const view = new DataView(header.buffer);
      const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
      return Math.max(0, view.getUint32(16, little) - view.getUint32(96, little));
    } catch {
      shm = null;
      return null;
    }
  };
  const checkpoint = (id: number) => {
    try {
      const result = db.prepare("PRAGMA wal_checkpoint(PASSIVE)").get();
      scope.postMessage({ kind: "checkpointed", id, result });
    } catch (error) {
      scope.postMessage({ kind: "failed", id, message: String(error) });
    }
  };
  /** Derivations by source text, made into functions once. */
  const derivations = new Map<
    string,
    (rows: unknown[]) => { value: unknown; transfer: ArrayBuffer[] }
  >();
  /**
   * Runs read-only statements in one read transaction (one snapshot) and posts each one's first
   * row, and what `derive` (a function's source) makes of them; their BLOBs' buffers and the
   * derived value's are transferred, not copied.
   */
  const read = (
    id: number,
    statements: Array<{ sql: string; params: unknown[] }>,
    derive: string | undefined,
  ) => {
    try {
      db.exec("BEGIN");
      let rows: unknown[];
      try {
        rows = statements.map(({ sql, params }) => db.prepare(sql).get(...params));
      } finally {
        db.exec("COMMIT");
      }
      let derived: { value: unknown; transfer: ArrayBuffer[] } | undefined;
      if (derive !== undefined) {
        let made = derivations.get(derive);
        if (!made) derivations.set(derive, made = new Function(`return (${derive});`)());
        derived = made!(rows);
      }
      const transfer = new Set<ArrayBuffer>(derived?.transfer);
      for (const row of rows) {
        for (const value of Object.values(row ?? {})) {
          if (value instanceof Uint8Array) transfer.add(value.buffer as ArrayBuffer);
        }
      }
      scope.postMessage({ kind: "read", id, rows, derived: derived?.value }, {
        transfer: [...transfer],
      });
    } catch (error) {
      scope.postMessage({ kind: "failed", id, message: String(error) });
    }
  };
  const tick = (path: string, frames: number) => {
    try {
      const pages = waiting(path);
      if (pages !== null) {
        if (pages >= frames) checkpoint(0);
        return;
      }
      // data_version moves when another connection (the server's) has committed.
      const now = (db.prepare("PRAGMA data_version").get() as { data_version: number })
        .data_version;
      if (now !== version) {
        version = now;
        checkpoint(0);
      }
    } catch (error) {
      scope.postMessage({ kind: "failed", id: null, message: String(error) });
    }
  };
  scope.onmessage = async (event: MessageEvent) => {
    const message = event.data as {
      kind: string;
      path?: string;
      intervalMs?: number;
      frames?: number;
      id?: number;
      statements?: Array<{ sql: string; params: unknown[] }>;
      derive?: string;
    };
    if (message.kind === "open") {
      opened = (async () => {
        try {
          const { DatabaseSync } = await import("node:sqlite");
          db = new DatabaseSync(message.path!);
          db.exec("PRAGMA busy_timeout = 5000");
          timer = setInterval(() => tick(message.path!, message.frames!), message.intervalMs);
        } catch (error) {
          scope.postMessage({ kind: "failed", id: null, message: String(error) });
        }
      })();
    } else if (message.kind === "read") {
      // A read asked for right after the start waits for the connection.
      await opened;
      if (db) read(message.id!, message.statements!, message.derive);
      else scope.postMessage({ kind: "failed", id: message.id, message: "not open" });
    } else if (message.kind === "checkpoint") {
      if (db) checkpoint(message.id!);
      else scope.postMessage({ kind: "failed", id: message.id, message: "not open" });
    } else if (message.kind === "close") {
      clearInterval(timer);
      try {
        shm?.close();
        db?.close();
      } finally {
        scope.postMessage({ kind: "closed" });
      }
    }
  };
}

/** A worker thread that checkpoints one WAL database file. */
export class WalCheckpointer {
  readonly #worker: Worker;
  /** Checkpoints and reads asked for, by id. */
  readonly #waiting = new Map<
    number,
    // deno-lint-ignore no-explicit-any
    { resolve(result: any): void; reject(e: Error): void }
  >();
  #next = 1;
  #checkpoints = 0;
  #failed: Error | null = null;
  #closed: Promise<void> | null = null;
  #onFailure: ((error: Error) => void) | undefined;

  private constructor(path: string, options: CheckpointerOptions) {
    this.#onFailure = options.onFailure;
    const url = URL.createObjectURL(
      new Blob([`(${checkpointWorker.toString()})()`], { type: "application/javascript" }),
    );
    this.#worker = new Worker(url, { type: "module", name: "wal-checkpointer" });
    URL.revokeObjectURL(url);
    this.#worker.onmessage = (event: MessageEvent<Report>) => this.#report(event.data);
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.#fail(new Error(`WAL checkpointer: ${event.message}`));
    };
    this.#worker.postMessage({
      kind: "open",
      path,
      intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
      frames: options.frames ?? CHECKPOINT_FRAMES,
    });
  }

  /** Starts a worker checkpointing the WAL of the database file at `path`. */
  static start(path: string, options: CheckpointerOptions = {}): WalCheckpointer {
    return new WalCheckpointer(path, options);
  }

  /** Checkpoints the worker has run (on its own or asked). */
  get checkpoints(): number {
    return this.#checkpoints;
  }

  /** The error that stopped the worker, if one did. */
  get failure(): Error | null {
    return this.#failed;
  }

  /** Checkpoints now (on the worker) and resolves with what SQLite reported. */
  checkpoint(): Promise<CheckpointResult> {
    if (this.#failed) return Promise.reject(this.#failed);
    if (this.#closed) return Promise.reject(new Error("The WAL checkpointer is closed"));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ kind: "checkpoint", id });
    });
  }

  /**
   * Runs read-only `statements` in one transaction on the worker's own connection, off the
   * event loop (a large read that would hold up every request: a persona's search indexes at
   * 100,000 memories), and resolves with each one's first row (undefined when none).
   */
  async read(
    statements: readonly AsideStatement[],
  ): Promise<Array<Record<string, unknown> | undefined>> {
    return (await this.readDerived(statements)).rows;
  }

  /**
   * {@linkcode read}, and `derive` (a function's source, {@linkcode AsideDerivation}) run on the
   * worker on the rows read: the work on a large read's rows, off the event loop too.
   */
  readDerived(
    statements: readonly AsideStatement[],
    derive?: AsideDerivation,
  ): Promise<DerivedRead> {
    if (this.#failed) return Promise.reject(this.#failed);
    if (this.#closed) return Promise.reject(new Error("The WAL checkpointer is closed"));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, {
        resolve: resolve as (read: unknown) => void,
        reject,
      });
      this.#worker.postMessage({ kind: "read", id, statements, derive });
    });
  }

  #report(report: Report): void {
    if (report.kind === "read") {
      this.#waiting.get(report.id)?.resolve({ rows: report.rows, derived: report.derived });
      this.#waiting.delete(report.id);
    } else if (report.kind === "checkpointed") {
      this.#checkpoints++;
      this.#waiting.get(report.id)?.resolve(report.result);
      this.#waiting.delete(report.id);
    } else if (report.kind === "failed") {
      const error = new Error(`WAL checkpointer: ${report.message}`);
      if (report.id) {
        this.#waiting.get(report.id)?.reject(error);
        this.#waiting.delete(report.id);
      } else this.#fail(error);
    }
  }

  #fail(error: Error): void {
    if (this.#failed || this.#closed) return;
    this.#failed = error;
    for (const waiter of this.#waiting.values()) waiter.reject(error);
    this.#waiting.clear();
    this.#worker.terminate();
    this.#onFailure?.(error);
  }

  /** Closes the worker's connection and stops the worker (checkpoints asked for are refused). */
  close(): Promise<void> {
    for (const waiter of this.#waiting.values()) {
      waiter.reject(new Error("The WAL checkpointer closed"));
    }
    this.#waiting.clear();
    this.#closed ??= this.#failed ? Promise.resolve() : new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#worker.terminate();
        resolve();
      };
      // A worker that does not answer is stopped anyway.
      const timer = setTimeout(done, 5_000);
      this.#worker.onmessage = (event: MessageEvent<Report>) => {
        if (event.data.kind === "closed") done();
      };
      this.#worker.postMessage({ kind: "close" });
    });
    return this.#closed;
  }
}
