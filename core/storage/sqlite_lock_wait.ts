/**
 * Waiting for another connection's write lock on the SQLite file without blocking the event
 * loop. The server's connection is synchronous (`node:sqlite`) and runs on the main thread, so
 * SQLite's own busy handler (`PRAGMA busy_timeout`) would sleep there: every request, timer and
 * health check stood still while another process (a second server, `sqlite3`, a backup script)
 * held the lock (attack23 F1). `SqliteDatabase` instead sets `busy_timeout` to 0 and, when a
 * statement finds the file locked at a point where trying again is safe, awaits a pause
 * (5 ms doubling to 200 ms) and tries again, until `SQLITE_LOCK_WAIT_MS` have passed; then the
 * call fails with {@linkcode Busy} (-32003, REST 429 with `Retry-After`), as PostgreSQL's full
 * pool queue does.
 *
 * @module
 */
import { Busy } from "../errors.ts";

/** The default of `SQLITE_LOCK_WAIT_MS`: the longest a call waits for another's lock. */
export const DEFAULT_LOCK_WAIT_MS = 5_000;

/** The first pause after a statement found the file locked. */
export const FIRST_LOCK_PAUSE_MS = 5;

/** The longest pause between two tries. */
export const LONGEST_LOCK_PAUSE_MS = 200;

/** How long a client refused for a lock held too long is told to wait. */
export const LOCKED_RETRY_MS = 1_000;

/** True when SQLite refused a statement because another connection holds the lock (`SQLITE_BUSY`). */
export function isLocked(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "ERR_SQLITE_ERROR" &&
    /database is locked/.test(String((error as Error).message));
}

/** The answer to a call that waited `waitedMs` for another connection's lock in vain. */
export function lockedBusy(waitedMs: number): Busy {
  return new Busy(
    "Database busy: another connection (process) held the SQLite file's write lock for " +
      `${Math.round(waitedMs)} ms (SQLITE_LOCK_WAIT_MS); retry shortly`,
    { reason: "database_locked", waited_ms: Math.round(waitedMs), retry_after_ms: LOCKED_RETRY_MS },
  );
}

/** The pauses of one call waiting for a lock: each {@linkcode pause} awaits the next. */
export class LockWait {
  readonly #limitMs: number;
  readonly #started = Date.now();
  #next = FIRST_LOCK_PAUSE_MS;

  /** Waits for at most `limitMs` in all (0: not at all). */
  constructor(limitMs: number) {
    this.#limitMs = limitMs;
  }

  /** How long the call has waited so far. */
  get waitedMs(): number {
    return Math.max(Date.now() - this.#started, 0);
  }

  /**
   * Awaits the next pause (the event loop runs meanwhile), or throws {@linkcode lockedBusy}
   * once the call has waited its limit.
   */
  async pause(): Promise<void> {
    const waited = Date.now() - this.#started;
    if (waited >= this.#limitMs || waited < 0) throw lockedBusy(Math.max(waited, 0));
    const pause = Math.min(this.#next, this.#limitMs - waited);
    this.#next = Math.min(this.#next * 2, LONGEST_LOCK_PAUSE_MS);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
