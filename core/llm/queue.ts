/**
 * The gate in front of the model server: at most `concurrency` calls run, and the rest wait in
 * two FIFO lanes. A waiting interactive call (a chat, a dialogue turn) always goes before a
 * waiting background call (fact extraction, reflection), so background work never makes a
 * person wait longer than one call already running. Each lane holds at most `limit` callers; a
 * full lane answers at once instead of piling up, and background work never fills the
 * interactive lane.
 *
 * @module
 */
import { Busy, Cancelled } from "../errors.ts";

/** Which lane a call waits in. */
export type Priority = "interactive" | "background";

interface Waiter {
  resolve(): void;
}

/** Options of {@linkcode RequestQueue.run}. */
export interface RunOptions {
  /** Aborts the call while it waits (a running call watches the signal itself). */
  signal?: AbortSignal;
  /** `interactive` (the default) goes before every waiting `background` call. */
  priority?: Priority;
}

/** Bounded concurrency limiter with an interactive and a background lane. */
export class RequestQueue {
  readonly #concurrency: number;
  readonly #limit: number;
  readonly #lanes: Record<Priority, Waiter[]> = { interactive: [], background: [] };
  #running = 0;

  /** At most `concurrency` running and `limit` waiting per lane. */
  constructor(concurrency: number, limit: number) {
    this.#concurrency = concurrency;
    this.#limit = limit;
  }

  /** Calls running now. */
  get running(): number {
    return this.#running;
  }

  /** Calls waiting for a slot, both lanes. */
  get waiting(): number {
    return this.#lanes.interactive.length + this.#lanes.background.length;
  }

  /** Background calls waiting for a slot. */
  get waitingBackground(): number {
    return this.#lanes.background.length;
  }

  /**
   * Runs `work` when a slot is free: interactive calls in order of arrival, then background
   * calls in order of arrival. Throws Busy when the call's lane is full.
   */
  async run<T>(work: () => Promise<T>, options: RunOptions = {}): Promise<T> {
    await this.#acquire(options.signal, options.priority ?? "interactive");
    try {
      return await work();
    } finally {
      this.#release();
    }
  }

  #acquire(signal: AbortSignal | undefined, priority: Priority): Promise<void> {
    if (signal?.aborted) return Promise.reject(new Cancelled());
    if (this.#running < this.#concurrency && this.waiting === 0) {
      this.#running++;
      return Promise.resolve();
    }
    const lane = this.#lanes[priority];
    if (lane.length >= this.#limit) {
      const which = priority === "background" ? "background queue" : "queue";
      return Promise.reject(
        new Busy(
          `The LLM ${which} is full (${this.#limit} waiting, ${this.#running} running); retry shortly`,
          { reason: "queue_full", waiting: lane.length, limit: this.#limit, priority },
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
        const at = lane.indexOf(waiter);
        if (at >= 0) lane.splice(at, 1);
        reject(new Cancelled("Request cancelled while waiting for the LLM"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      lane.push(waiter);
    });
  }

  #release(): void {
    const next = this.#lanes.interactive.shift() ?? this.#lanes.background.shift();
    if (next) next.resolve();
    else this.#running--;
  }
}
