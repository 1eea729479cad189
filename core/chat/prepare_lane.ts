/**
 * Chats prepare their prompts one at a time, first come first served.
 *
 * Why: on SQLite a chat's preparation (its window, lore, core blocks, recall) is main-thread work
 * whose awaits settle on microtasks, so chats that arrive in one turn of the event loop (the
 * first chats of sessions opened together) advance in lockstep, one step each in turn: every one
 * of them reaches its model only once all of them are prepared, and no model request leaves the
 * process before the last one is built. In line, the first chat's request goes out after its own
 * preparation, the second's after two, and so on; the burst's work is the same, but a chat waits
 * for the ones before it instead of for all of them. A turn ends when the chat calls its model;
 * the next one starts after a macrotask, so the request just made is sent and the answers that
 * came meanwhile are read first. A chat that arrives while the lane is free starts at once.
 *
 * @module
 */
import { setImmediate } from "node:timers";

/** A turn in the lane: call it to leave (more calls do nothing). */
export type LeaveLane = () => void;

/** One chat's preparation at a time (see the module's doc). */
export class PrepareLane {
  #busy = false;
  /** The chats waiting for their turn, first come first. */
  readonly #waiting: Array<() => void> = [];

  /**
   * Resolves with the caller's turn once the chats before it have left. A chat whose `signal`
   * aborts while it waits leaves the line at once, without a turn (its own steps then fail on
   * the signal); its leave does nothing.
   */
  async enter(signal?: AbortSignal): Promise<LeaveLane> {
    if (signal?.aborted) return () => {};
    if (this.#busy) {
      if (!await this.#wait(signal)) return () => {};
    } else this.#busy = true;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#pass();
    };
  }

  /** Chats waiting for a turn. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** True once the turn is the caller's (the lane passed on busy), false when `signal` aborted. */
  #wait(signal?: AbortSignal): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const turn = () => {
        signal?.removeEventListener("abort", abandon);
        resolve(true);
      };
      const abandon = () => {
        const at = this.#waiting.indexOf(turn);
        // Already handed the lane (its macrotask pending): the turn is the caller's to leave.
        if (at < 0) return;
        this.#waiting.splice(at, 1);
        resolve(false);
      };
      signal?.addEventListener("abort", abandon, { once: true });
      this.#waiting.push(turn);
    });
  }

  #pass(): void {
    const next = this.#waiting.shift();
    if (!next) {
      this.#busy = false;
      return;
    }
    // The lane stays busy over the macrotask: a chat arriving meanwhile queues behind `next`.
    setImmediate(next);
  }
}
