/**
 * At most {@linkcode PREPARE_WIDTH} chats prepare their prompts at once, first come first
 * served; the rest wait in line for a free place.
 *
 * Why: on SQLite a chat's preparation (its greeting, window, lore, core blocks, recall) is
 * main-thread work whose awaits settle on microtasks, so chats that arrive in one turn of the
 * event loop (the first chats of 32 sessions opened together) advance in lockstep, one step each
 * in turn: each reaches its model only once all of them are prepared, and no model request leaves
 * the process before the last one is built (issue 17: 32 first chats reached their models at
 * ~37 ms, all together). A line of one (session 33, perf42) sent the first request after one
 * preparation but cost ~30 % more main-thread CPU a chat: recalls in lockstep do part of their
 * work once for all (session 38: a recall alone ~2.0 ms, two in step ~1.6, eight ~1.1-1.4, 32
 * ~1.2-1.5), and a line of one gave that up for every chat. So the line is
 * {@linkcode PREPARE_WIDTH} wide: chats let in together still step together, and the first
 * request goes out after a group's preparation instead of the whole burst's.
 *
 * A place frees when its chat calls its model (or fails). The chats waiting are let in after a
 * macrotask, all that fit at once (so they step together too): the requests just made are sent
 * and the answers that came meanwhile are read before the next group's preparation. A chat that
 * finds a free place (and no one waiting) starts at once.
 *
 * @module
 */
import { setImmediate } from "node:timers";

/**
 * How many chats prepare at once. Eight keeps what recalls in lockstep share (session 38's
 * burst sizes: eight in step cost no more CPU a recall than 32) while the first of a burst of 32
 * reaches its model after a quarter of the burst's preparation.
 */
export const PREPARE_WIDTH = 8;

/** A place in the lane: call it to leave (more calls do nothing). */
export type LeaveLane = () => void;

/** Chats' preparations, {@linkcode PREPARE_WIDTH} at a time (see the module's doc). */
export class PrepareLane {
  readonly #width: number;
  /** Places taken: chats preparing, and chats let in whose turn has not begun yet. */
  #taken = 0;
  /** The chats waiting for a place, first come first. */
  readonly #waiting: Array<() => void> = [];
  /** Whether a macrotask that lets the waiting in is pending. */
  #passing = false;

  /** A lane `width` places wide ({@linkcode PREPARE_WIDTH} by default; for tests). */
  constructor(width = PREPARE_WIDTH) {
    this.#width = width;
  }

  /**
   * Resolves with the caller's place once one is free and the chats before it have theirs. A
   * chat whose `signal` aborts while it waits leaves the line at once, without a place (its own
   * steps then fail on the signal); its leave does nothing.
   */
  async enter(signal?: AbortSignal): Promise<LeaveLane> {
    if (signal?.aborted) return () => {};
    if (this.#taken < this.#width && this.#waiting.length === 0) this.#taken++;
    else if (!await this.#wait(signal)) return () => {};
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#taken--;
      this.#pass();
    };
  }

  /** Chats waiting for a place. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** True once the caller has a place (taken for it), false when `signal` aborted first. */
  #wait(signal?: AbortSignal): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const turn = () => {
        signal?.removeEventListener("abort", abandon);
        resolve(true);
      };
      const abandon = () => {
        const at = this.#waiting.indexOf(turn);
        // Already let in: the place is the caller's, left when its chat ends.
        if (at < 0) return;
        this.#waiting.splice(at, 1);
        resolve(false);
      };
      signal?.addEventListener("abort", abandon, { once: true });
      this.#waiting.push(turn);
    });
  }

  /** Lets in as many waiting chats as there are free places, after a macrotask. */
  #pass(): void {
    if (this.#passing || this.#waiting.length === 0) return;
    this.#passing = true;
    setImmediate(() => {
      this.#passing = false;
      while (this.#taken < this.#width && this.#waiting.length > 0) {
        this.#taken++;
        this.#waiting.shift()!();
      }
    });
  }
}
