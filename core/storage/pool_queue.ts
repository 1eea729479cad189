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

/** How long a pool lowered after "too many connections" stays lowered before it grows again. */
export const LOWERED_POOL_MS = 30_000;

/**
 * Counts the calls holding or waiting for a pooled connection; refuses those past the bound.
 * While lowered ({@linkcode PoolQueue.lower}) it lets at most the lowered number of calls
 * through to the pool at once and keeps the others waiting here, in order, for one of them.
 */
export class PoolQueue {
  readonly #poolSize: number;
  readonly #maxWaiting: number;
  readonly #now: () => number;
  #inFlight = 0;
  #waiters: (() => void)[] = [];
  #limit: number;
  #lowUntil = 0;

  /** A queue in front of `poolSize` connections that lets `maxWaiting` calls wait. */
  constructor(poolSize: number, maxWaiting: number, now: () => number = Date.now) {
    this.#poolSize = poolSize;
    this.#maxWaiting = maxWaiting;
    this.#limit = poolSize;
    this.#now = now;
  }

  /** The calls holding a connection or waiting for one now. */
  get busy(): number {
    return Math.min(this.#inFlight, this.#target());
  }

  /** The calls waiting for a connection now (an estimate: those past the pool's size). */
  get waiting(): number {
    return Math.max(this.#inFlight - this.#target(), 0) + this.#waiters.length;
  }

  /** True when the queue is full: a call now would be refused with `Busy`. */
  get full(): boolean {
    return this.#inFlight + this.#waiters.length >= this.#poolSize + this.#maxWaiting;
  }

  /** How many connections the pool may use now (its size, or less while lowered). */
  get target(): number {
    return this.#target();
  }

  /**
   * Lets at most `connections` calls use the pool at once for `forMs` (the server refused more
   * connections while the node held that many: they work, so a later refusal may raise it
   * again up to them); true when the pool was not lowered before.
   */
  lower(connections: number, forMs = LOWERED_POOL_MS): boolean {
    const to = Math.min(Math.max(connections, 1), this.#poolSize);
    const first = !this.#lowered();
    if (to >= this.#poolSize) return false;
    this.#limit = to;
    this.#lowUntil = this.#now() + forMs;
    this.#wake();
    return first;
  }

  /** Runs `work` (a call that takes a pooled connection), or refuses it when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.full) {
      throw new Busy(
        "Busy: every database connection is in use and the queue for them is full; retry shortly",
        {
          reason: "database_queue_full",
          queue_limit: this.#maxWaiting,
          retry_after_ms: QUEUE_FULL_RETRY_MS,
        },
      );
    }
    this.#wake();
    if (this.#lowered() && (this.#inFlight >= this.#limit || this.#waiters.length > 0)) {
      // Its place is counted by #wake when it is let through.
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    } else {
      this.#inFlight++;
    }
    try {
      return await work();
    } finally {
      this.#inFlight--;
      this.#wake();
    }
  }

  #lowered(): boolean {
    if (this.#limit < this.#poolSize && this.#now() >= this.#lowUntil) this.#limit = this.#poolSize;
    return this.#limit < this.#poolSize;
  }

  #target(): number {
    return this.#lowered() ? this.#limit : this.#poolSize;
  }

  /** Lets waiting calls through while the pool has room for them. */
  #wake(): void {
    while (this.#waiters.length > 0 && (!this.#lowered() || this.#inFlight < this.#limit)) {
      this.#inFlight++;
      this.#waiters.shift()!();
    }
  }
}
