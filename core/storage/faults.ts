/**
 * Storage faults a request cannot fix and a client should hear about in words: the disk holding
 * the database is full (SQLite's `SQLITE_FULL`, PostgreSQL's SQLSTATE 53100), the SQLite file is
 * read-only, or its disk failed a read or write. Each becomes {@linkcode StorageUnavailable}
 * (-32009, HTTP 503 with `Retry-After`) with `data.reason` and `data.hint`, and the database
 * reports it in its health (`degraded`) until a write succeeds again.
 *
 * @module
 */
import { StorageUnavailable } from "../errors.ts";
import type { Logger } from "../log.ts";

/** Why writes fail: what `data.reason` and the health route's `storage.reason` say. */
export type StorageFault = "disk_full" | "read_only" | "io_error";

/** How long a client is told to wait before it sends a write that met a fault again. */
export const FAULT_RETRY_MS = 5_000;

const SQLITE_FAULTS: ReadonlyArray<[RegExp, StorageFault]> = [
  [/database or disk is full/, "disk_full"],
  [/attempt to write a readonly database/, "read_only"],
  [/disk I\/O error/, "io_error"],
];

/**
 * The fault `error` reports, if it is one: SQLite's message (node:sqlite gives no error code)
 * or PostgreSQL's SQLSTATE 53100 (disk full).
 */
export function storageFaultOf(error: unknown): StorageFault | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "53100") return "disk_full";
  if (code !== "ERR_SQLITE_ERROR") return undefined;
  const message = String((error as Error).message);
  return SQLITE_FAULTS.find(([pattern]) => pattern.test(message))?.[1];
}

/** What each fault means and what to do, for the client, the log and the health route. */
const FAULT_WORDS: Record<StorageFault, { what: string; hint: string }> = {
  disk_full: {
    what: "the disk holding the database is full",
    hint: "free space on the disk holding DATA_DIR (or the PostgreSQL data directory), then retry",
  },
  read_only: {
    what: "the database file is read-only",
    hint: "make persona.db, its -wal and -shm files and DATA_DIR writable by the server's user",
  },
  io_error: {
    what: "the disk holding the database failed a read or write",
    hint: "check the disk holding DATA_DIR (space, errors in the system log), then retry",
  },
};

/** One sentence on `fault`: what is wrong, and what to do. */
export function describeFault(fault: StorageFault): string {
  const { what, hint } = FAULT_WORDS[fault];
  return `${what}; ${hint}`;
}

/** The error a write that met `fault` answers with: -32009, retryable once it is fixed. */
export function faultError(fault: StorageFault): StorageUnavailable {
  const { what, hint } = FAULT_WORDS[fault];
  return new StorageUnavailable(FAULT_RETRY_MS, {
    message: `Storage unavailable: ${what}; writes fail until that is fixed`,
    reason: fault,
    hint,
  });
}

/**
 * The fault a database is in, as its writes last saw it: set by a write that meets one, cleared
 * by the next write that succeeds; each change logged once (a WARN when writes start failing,
 * an INFO when they succeed again), not once per request.
 */
export class FaultState {
  #fault: StorageFault | null = null;
  #failed = 0;
  readonly #log?: Logger;
  readonly #where: string;

  /** Faults of the database at `where` (a path or redacted URL), logged to `log`. */
  constructor(where: string, log?: Logger) {
    this.#where = where;
    this.#log = log;
  }

  /** The fault writes are in now, or null. */
  get current(): StorageFault | null {
    return this.#fault;
  }

  /** Maps `error` to its fault's error (and notes the fault) when it is one; else returns it. */
  failed(error: unknown): unknown {
    const fault = storageFaultOf(error);
    if (!fault) return error;
    this.#failed++;
    if (this.#fault !== fault) {
      this.#fault = fault;
      this.#log?.warn("Database writes fail", {
        database: this.#where,
        reason: fault,
        detail: describeFault(fault),
      });
    }
    return faultError(fault);
  }

  /** A write succeeded: a fault is over. */
  recovered(): void {
    if (this.#fault === null) return;
    this.#log?.info("Database writes succeed again", {
      database: this.#where,
      reason: this.#fault,
      failed_writes: this.#failed,
    });
    this.#fault = null;
    this.#failed = 0;
  }
}
