/**
 * A bound on the calls waiting for a pooled connection. postgres.js queues a call that finds
 * every connection busy without limit (as PgBouncer does): when PostgreSQL is slow, requests
 * piled up in the node without end, each holding its client's socket and memory. Here the
 * calls needing a connection (one outside a transaction, or a transaction's first) are counted;
 * past the pool's size plus `maxWaiting` a call is refused at once with {@linkcode Busy}
 * (-32003, REST 429; `data.retry_after_ms`) instead of waiting.
 *
 * @module
 */
import { Busy } from "../errors.ts";

/** How long a call refused for a full queue should wait before it tries again. */
export const QUEUE_FULL_RETRY_MS = 500;

/** Counts the calls holding or waiting for a pooled connection; refuses those past the bound. */
export class PoolQueue {
  readonly #poolSize: number;
  readonly #maxWaiting: number;
  #inFlight = 0;

  /** A queue in front of `poolSize` connections that lets `maxWaiting` calls wait. */
  constructor(poolSize: number, maxWaiting: number) {
    this.#poolSize = poolSize;
    this.#maxWaiting = maxWaiting;
  }

  /** The calls waiting for a connection now (an estimate: those past the pool's size). */
  get waiting(): number {
    return Math.max(this.#inFlight - this.#poolSize, 0);
  }

  /** Runs `work` (a call that takes a pooled connection), or refuses it when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#inFlight >= this.#poolSize + this.#maxWaiting) {
      throw new Busy(
        "Busy: every database connection is in use and the queue for them is full; retry shortly",
        {
          reason: "database_queue_full",
          queue_limit: this.#maxWaiting,
          retry_after_ms: QUEUE_FULL_RETRY_MS,
        },
      );
    }
    this.#inFlight++;
    try {
      return await work();
    } finally {
      this.#inFlight--;
    }
  }
}
