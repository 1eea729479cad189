/**
 * One chat at a time prepares its prompt, in order of arrival. Preparing a prompt is nearly all
 * main-thread CPU (SQLite reads, recall's scoring, prompt assembly) with `await`s that resolve at
 * once; when many chats arrive together, their steps interleave through the microtask queue, so
 * every one of them reaches the model only when the last is ready (a burst of 32 sends all 32 model
 * calls at the end of the burst, and their answers come back together, keeping the sessions in
 * lockstep). Taking turns sends the first model call after one chat's preparation, the next after
 * two, and so on: the same CPU, but a burst's median wait halves and the answers come back spread
 * out, so the next round's messages no longer arrive together.
 *
 * A turn is bounded ({@linkcode MAX_TURN_MS}): a chat whose preparation waits on I/O (a remote
 * embedding model for recall, a slow PostgreSQL) lets the next one start after that long, so a
 * slow chat never holds the others back for longer.
 *
 * @module
 */

/** Longest one chat keeps the others waiting before the next may start (ms). */
export const MAX_TURN_MS = 20;

interface Waiter {
  admit: () => void;
}

/** Admits one holder at a time, first come first served; a turn ends on `leave()` or timeout. */
export class PromptLane {
  readonly #maxTurnMs: number;
  readonly #waiting: Waiter[] = [];
  /** Turns under way and not timed out (0 or 1). */
  #busy = 0;

  /** A lane whose turns last at most `maxTurnMs` ({@linkcode MAX_TURN_MS} when not given). */
  constructor(options: { maxTurnMs?: number } = {}) {
    this.#maxTurnMs = options.maxTurnMs ?? MAX_TURN_MS;
  }

  /** Chats waiting for their turn. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Resolves when it is the caller's turn, to the function that ends it (more calls: no-op).
   * An aborted `signal` takes the caller out of the line with the signal's reason.
   */
  enter(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.#busy === 0 && this.#waiting.length === 0) return Promise.resolve(this.#start());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.#start());
        },
      };
      const onAbort = () => {
        const at = this.#waiting.indexOf(waiter);
        if (at >= 0) this.#waiting.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  #start(): () => void {
    this.#busy++;
    let over = false;
    const end = () => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      this.#busy--;
      this.#waiting.shift()?.admit();
    };
    const timer = setTimeout(end, this.#maxTurnMs);
    return end;
  }
}
