/**
 * When the WAL checkpointer's worker of a {@linkcode SqliteDatabase} starts: not as the file is
 * opened (a worker is a V8 isolate of its own), but on its first use: once the WAL file grows
 * past a threshold (at the next quiet moment), on the first read aside, or at once for a large
 * file.
 *
 * @module
 */
import type { Logger } from "../log.ts";
import type { SqliteConnection } from "./sqlite_connection.ts";
import { CHECKPOINT_FRAMES, WalCheckpointer } from "./wal_checkpointer.ts";
import { type QuietWatch, whenQuiet } from "./quiet_moment.ts";

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

/**
 * Pages in the WAL file that start the checkpointer's worker at once, at the first look that
 * finds them (every {@linkcode CHECKPOINTER_START_CHECK_WRITES} writes and every
 * {@linkcode CHECKPOINTER_START_CHECK_MS}, so the WAL may have grown past them by then), quiet or
 * not: past {@linkcode CHECKPOINTER_START_FRAMES} the worker waits for a quiet moment
 * ({@linkcode CHECKPOINTER_QUIET_MS}), since starting it holds the event loop for 12-35 ms (Deno's
 * `op_create_worker` waits for the new isolate), and every request in flight then waits too (a
 * 32-session chat burst: its slowest 1 %). A server that never pauses starts it
 * here, when a checkpoint is due ({@linkcode CHECKPOINT_FRAMES}): until then the WAL only grows
 * (the backstop, {@linkcode BACKSTOP_CHECKPOINT_FRAMES}, is 8 times that), and a busy server has
 * the more moments to find a quiet one in.
 */
export const CHECKPOINTER_START_NOW_FRAMES = CHECKPOINT_FRAMES;

/**
 * How long the process must have been quiet for the worker's start (ms): no statement, the
 * event loop on time, little CPU (`quiet_moment.ts`).
 */
export const CHECKPOINTER_QUIET_MS = 10;

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

/** At most one log line a minute about failed checkpoints or reads aside (the rest counted). */
export const FAILURE_LOG_INTERVAL_MS = 60_000;

/** What {@linkcode CheckpointerStart} is given besides the connection. */
export interface CheckpointerStartOptions {
  /** Starts the worker (tests give one that fails). */
  start?: typeof WalCheckpointer.start;
  /** Where the start and the failures are logged. */
  log?: Logger;
  /** The clock of the failures' rate limit (ms). */
  now?: () => number;
  /**
   * Finds the quiet moment the worker's start waits for (`whenQuiet`; tests running beside others
   * in one process give one they control, as that process is never quiet for long).
   */
  whenQuiet?: (watch: QuietWatch) => () => void;
}

/**
 * Logs the worker's failures to ask (a checkpoint or a read aside): the first at once, then at
 * most one line each {@linkcode FAILURE_LOG_INTERVAL_MS}, saying how many were not logged.
 */
function failureLog(log: Logger | undefined, path: string, now: () => number) {
  let loggedAt = -Infinity;
  let unlogged = 0;
  return (error: Error) => {
    if (now() - loggedAt < FAILURE_LOG_INTERVAL_MS) {
      unlogged++;
      return;
    }
    log?.warn("WAL checkpointer: a request failed", {
      path,
      reason: error.message,
      ...(unlogged > 0 ? { not_logged_since_last: unlogged } : {}),
    });
    loggedAt = now();
    unlogged = 0;
  };
}

/** The checkpointer's worker of one database file, started on its first use. */
export class CheckpointerStart {
  readonly #connection: SqliteConnection;
  #checkpointer: WalCheckpointer | null = null;
  /** Starts the worker; null once it is started (or stopped). */
  #start: (() => WalCheckpointer | null) | null;
  /** Why the worker could not be started, if it could not (commits then checkpoint inline). */
  #error: Error | null = null;
  #startCheck: ReturnType<typeof setInterval> | undefined;
  /** Looks at the size of the WAL file (and starts the worker past its threshold). */
  #look: (() => void) | null = null;
  /** The write count at which {@linkcode afterWrite} looks next; never once the worker runs. */
  #lookAtWrites = Infinity;
  /** Stops waiting for a quiet moment to start the worker in (once one is due). */
  #stopQuietWatch: (() => void) | null = null;
  /** Finds the quiet moment (see {@linkcode CheckpointerStartOptions.whenQuiet}). */
  readonly #watchForQuiet: (watch: QuietWatch) => () => void;

  /**
   * Watches the file of `connection` (at `path`, not `:memory:`) and starts the worker with
   * `start` once it is needed; at once for a file of {@linkcode CHECKPOINTER_START_FILE_BYTES}.
   */
  constructor(
    connection: SqliteConnection,
    path: string,
    options: CheckpointerStartOptions = {},
  ) {
    const { start = WalCheckpointer.start, log } = options;
    this.#connection = connection;
    this.#watchForQuiet = options.whenQuiet ?? whenQuiet;
    const raw = connection.raw;
    raw.exec(`PRAGMA wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_FRAMES}`);
    // Without the worker, the WAL would grow until the backstop: checkpoint in commits again.
    const inline = () =>
      raw.isOpen && raw.exec(`PRAGMA wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    const stopped = (error: Error) => {
      log?.warn("WAL checkpointer stopped; commits checkpoint inline again", {
        path,
        reason: error.message,
      });
      inline();
    };
    const onRequestFailure = failureLog(log, path, options.now ?? Date.now);
    this.#start = () => {
      try {
        const started = start(path, { onFailure: stopped, onRequestFailure });
        log?.info("WAL checkpointer started", { path });
        return started;
      } catch (error) {
        // Started from a timer or under a write (a Worker refused): never thrown there.
        this.#error = error instanceof Error ? error : new Error(String(error));
        log?.warn("WAL checkpointer could not start; commits checkpoint inline", {
          path,
          reason: this.#error.message,
        });
        inline();
        return null;
      }
    };
    const pageSize = (raw.prepare("PRAGMA page_size").get() as { page_size: number }).page_size;
    // A WAL frame is a page and its 24-byte header, after the file's 32-byte header.
    const walBytes = (frames: number) => 32 + frames * (pageSize + 24);
    // As the file is opened (no request yet) a WAL past the threshold starts it at once.
    const look = (opening = false) => {
      this.#lookAtWrites = connection.writes + CHECKPOINTER_START_CHECK_WRITES;
      let size = 0;
      try {
        size = Deno.statSync(`${path}-wal`).size;
      } catch {
        // No WAL file yet.
      }
      if (size < walBytes(CHECKPOINTER_START_FRAMES)) return;
      if (opening || size >= walBytes(CHECKPOINTER_START_NOW_FRAMES)) this.now();
      else this.#whenQuiet();
    };
    let fileSize = 0;
    try {
      fileSize = Deno.statSync(path).size;
    } catch {
      // Not a file SQLite made yet.
    }
    if (fileSize >= CHECKPOINTER_START_FILE_BYTES) this.now();
    else look(true);
    if (!this.#checkpointer) {
      this.#look = look;
      const timer = setInterval(() => look(), CHECKPOINTER_START_CHECK_MS);
      Deno.unrefTimer(timer);
      this.#startCheck = timer;
    }
  }

  /** The worker, once started (null before, or when it could not be). */
  get checkpointer(): WalCheckpointer | null {
    return this.#checkpointer;
  }

  /** Why the worker could not be started, if it could not. */
  get error(): Error | null {
    return this.#error;
  }

  /** The worker, started now if it was not yet (and the connection is open); null without one. */
  now(): WalCheckpointer | null {
    const start = this.#start;
    if (start && this.#connection.raw.isOpen) {
      this.stop();
      this.#checkpointer = start();
    }
    return this.#checkpointer;
  }

  /** Starts the worker at the first quiet moment (`quiet_moment.ts`). */
  #whenQuiet(): void {
    if (this.#stopQuietWatch || !this.#start) return;
    this.#stopQuietWatch = this.#watchForQuiet({
      activity: () => this.#connection.activity,
      quietMs: CHECKPOINTER_QUIET_MS,
      onQuiet: () => {
        this.#stopQuietWatch = null;
        this.now();
      },
    });
  }

  /** Looks at the WAL file again when enough writes were made since the last look. */
  afterWrite(): void {
    if (this.#connection.writes >= this.#lookAtWrites) this.#look?.();
  }

  /** Never starts the worker from now on (it started, or the database closes). */
  stop(): void {
    this.#start = null;
    clearInterval(this.#startCheck);
    this.#stopQuietWatch?.();
    this.#stopQuietWatch = null;
    this.#look = null;
    this.#lookAtWrites = Infinity;
  }
}
