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
import { checkpointWorker } from "./wal_checkpoint_worker.ts";

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
  /** Told of each checkpoint or read asked for that failed (the worker goes on). */
  onRequestFailure?: (error: Error) => void;
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

/**
 * Options of {@linkcode WalCheckpointer.readDerived}: `early` takes the rows before `derive`
 * runs, so it needs `derivedFrom`, the BLOB columns `derive` reads (held back for it; every other
 * BLOB leaves with the early rows and is empty on the worker after).
 */
export type DerivedReadOptions =
  | { early?: undefined; derivedFrom?: undefined }
  | { early: (rows: DerivedRead["rows"]) => void; derivedFrom: readonly string[] };

/** Messages from the worker. */
type Report =
  | { kind: "checkpointed"; id: number; result: CheckpointResult }
  | { kind: "rows"; id: number; rows: unknown[] }
  | { kind: "read"; id: number; rows: unknown[]; derived?: unknown }
  | { kind: "failed"; id: number | null; message: string }
  | { kind: "closed" };

/** A worker thread that checkpoints one WAL database file. */
export class WalCheckpointer {
  readonly #worker: Worker;
  /** Checkpoints and reads asked for, by id. */
  readonly #waiting = new Map<
    number,
    // deno-lint-ignore no-explicit-any
    { resolve(result: any): void; reject(e: Error): void; rows?: (rows: any) => void }
  >();
  #next = 1;
  #checkpoints = 0;
  #failed: Error | null = null;
  #closed: Promise<void> | null = null;
  #onFailure: ((error: Error) => void) | undefined;
  #onRequestFailure: ((error: Error) => void) | undefined;

  private constructor(path: string, options: CheckpointerOptions) {
    this.#onFailure = options.onFailure;
    this.#onRequestFailure = options.onRequestFailure;
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
   * worker on the rows read: the work on a large read's rows, off the event loop too. With
   * `options.early`, the rows come to it as soon as they are read, before `derive` runs,
   * without the columns `options.derivedFrom` (the only BLOBs `derive` may read; none is
   * copied): the event loop can work on them while the worker derives. Those columns are then
   * set on the same row objects, and the promise resolves with them.
   */
  readDerived(
    statements: readonly AsideStatement[],
    derive?: AsideDerivation,
    options: DerivedReadOptions = {},
  ): Promise<DerivedRead> {
    if (options.early && !Array.isArray(options.derivedFrom)) {
      // Every BLOB would leave with the early rows, and `derive` would read emptied buffers.
      return Promise.reject(
        new TypeError("readDerived: `early` needs `derivedFrom`, the BLOBs `derive` reads"),
      );
    }
    if (this.#failed) return Promise.reject(this.#failed);
    if (this.#closed) return Promise.reject(new Error("The WAL checkpointer is closed"));
    const id = this.#next++;
    const { early } = options;
    return new Promise((resolve, reject) => {
      let rows: DerivedRead["rows"] | undefined;
      this.#waiting.set(id, {
        resolve: (read: DerivedRead) => {
          // The columns held back for `derive`, set on the rows that came early.
          if (rows) read.rows.forEach((row, i) => row && Object.assign(rows![i]!, row));
          resolve({ rows: rows ?? read.rows, derived: read.derived });
        },
        reject,
        rows: (read) => {
          rows = read;
          // Work ahead only: what fails here fails again, and is answered for, where the rows
          // are used once the read is done.
          try {
            early?.(read);
          } catch { /* see above */ }
        },
      });
      const message = {
        kind: "read",
        id,
        statements,
        derive,
        early: early ? options.derivedFrom : undefined,
      };
      this.#worker.postMessage(message);
    });
  }

  #report(report: Report): void {
    if (report.kind === "rows") {
      this.#waiting.get(report.id)?.rows?.(report.rows);
    } else if (report.kind === "read") {
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
        this.#onRequestFailure?.(error);
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
