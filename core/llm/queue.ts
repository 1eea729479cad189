/**
 * A FIFO gate in front of Ollama: at most `concurrency` calls run, at most `limit` wait, and a
 * full queue answers at once instead of piling up.
 *
 * @module
 */
import { Busy, Cancelled } from "../errors.ts";

interface Waiter {
  resolve(): void;
}

/** Bounded FIFO concurrency limiter. */
export class RequestQueue {
  readonly #concurrency: number;
  readonly #limit: number;
  readonly #waiting: Waiter[] = [];
  #running = 0;

  /** At most `concurrency` running and `limit` waiting. */
  constructor(concurrency: number, limit: number) {
    this.#concurrency = concurrency;
    this.#limit = limit;
  }

  /** Calls running now. */
  get running(): number {
    return this.#running;
  }

  /** Calls waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs `work` when a slot is free, in order of arrival; throws Busy when the queue is full. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#acquire(signal);
    try {
      return await work();
    } finally {
      this.#release();
    }
  }

  #acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new Cancelled());
    if (this.#running < this.#concurrency && this.#waiting.length === 0) {
      this.#running++;
      return Promise.resolve();
    }
    if (this.#waiting.length >= this.#limit) {
      return Promise.reject(
        new Busy(
          `The LLM queue is full (${this.#limit} waiting, ${this.#running} running); retry shortly`,
          { reason: "queue_full", waiting: this.#waiting.length, limit: this.#limit },
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const at = this.#waiting.indexOf(waiter);
        if (at >= 0) this.#waiting.splice(at, 1);
        reject(new Cancelled("Request cancelled while waiting for the LLM"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next.resolve();
    else this.#running--;
  }
}
