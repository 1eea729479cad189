/**
 * The log of failed job claims. A database that is busy (another process holds the SQLite
 * file's lock, the PostgreSQL pool's queue is full), cannot take writes (disk full, read-only)
 * or is out of reach fails every poll for as long as that lasts: it is said once, at WARN
 * without a stack, when claims start failing and once, with the count, when they work again
 * (an outage is logged by the storage layer itself, so its polls only at debug). Anything
 * else is a bug or a broken database: ERROR, every time.
 *
 * @module
 */
import { Busy, StorageUnavailable } from "../errors.ts";
import type { Logger } from "../log.ts";

/** Counts failed claims in a row and logs their start and end. */
export class ClaimLog {
  readonly #log: Logger;
  #failed = 0;
  #warned = false;

  /** Logs to `log`. */
  constructor(log: Logger) {
    this.#log = log;
  }

  /** A claim failed with `error`. */
  failed(error: unknown): void {
    if (!(error instanceof Busy || error instanceof StorageUnavailable)) {
      this.#log.error("Could not claim a job", { error });
      return;
    }
    this.#failed++;
    // The message only: the stack says nothing here ("Busy: Busy: ..." from the error's name).
    const reason = error.message;
    const outage = error instanceof StorageUnavailable &&
      (error.data as { reason?: unknown } | undefined)?.reason === undefined;
    if (this.#warned || outage) {
      this.#log.debug("Could not claim a job", { reason });
      return;
    }
    this.#warned = true;
    this.#log.warn("Could not claim a job; polls are skipped until the database answers", {
      reason,
    });
  }

  /** A claim went through (a job or none): the failures, if any, are over. */
  claimed(): void {
    if (this.#failed === 0) return;
    if (this.#warned) this.#log.info("Claiming jobs again", { failed_polls: this.#failed });
    this.#failed = 0;
    this.#warned = false;
  }
}
