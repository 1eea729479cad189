/**
 * How many chats prepare their prompts at once, and when the next ones start.
 *
 * Why: on SQLite a chat's preparation (its greeting, window, lore, core blocks, recall) is
 * main-thread work whose awaits settle on microtasks, so chats that arrive in one turn of the
 * event loop (the first chats of sessions opened together, or the next chats of sessions whose
 * answers came together) advance in lockstep, one step each in turn. Every one of them then
 * reaches its model only when all of them are prepared, and no model request leaves the process
 * before the last one is built: with 32 at once, each waits for 32 preparations before its model
 * even starts. Past {@linkcode PREPARING_AT_ONCE} a chat waits, first come first served, and a
 * slot passes on after an immediate (`setImmediate`), once the model requests just made have been
 * handed to the runtime (its ops run between immediates; it reads sockets less often, which
 * suits: the answers arriving then are read on the next turn that waits). A chat that finds a
 * free slot starts at once: a lone chat never waits.
 *
 * Not one at a time (session 33's lane, `5ac9a355`): the chats of a group still share what their
 * lockstep shares (the work a write leaves to the next recall, one transaction for the rows
 * written in one turn), and a burst takes a few hand-offs instead of one per chat.
 *
 * @module
 */
import { setImmediate } from "node:timers";

/**
 * Chats preparing at once (see the module's doc): a burst of 32 sends its first 16 model requests
 * after 16 preparations instead of 32. Fewer cost main-thread time: chats that prepare apart no
 * longer share what a stored exchange leaves to the next recall (and the turn's transactions),
 * so a chat cost +72 % with 4 and +11 % with 8, and the same as without a gate with 16
 * (`bench:chat:cpu --sessions 32 --delay-ms 100`, session 36, tests/bench/HISTORY.md).
 */
export const PREPARING_AT_ONCE = 16;

/** A chat's slot: call it once the chat has made its model request (later calls do nothing). */
export type LeaveGate = () => void;

/** Lets at most `limit` chats prepare at once (see the module's doc). */
export class PreparationGate {
  readonly #limit: number;
  /** Slots taken, those being handed over included. */
  #taken = 0;
  /** The chats waiting for a slot, first come first. */
  readonly #waiting: Array<() => void> = [];

  /** A gate of `limit` slots (a whole number, at least 1). */
  constructor(limit: number = PREPARING_AT_ONCE) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`A preparation gate needs at least one slot, not ${limit}`);
    }
    this.#limit = limit;
  }

  /** Chats waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * The caller's slot: at once while one is free, else once the chats before it have left. A
   * chat whose `signal` aborts while it waits leaves the line at once and gets a slot that is not
   * one (leaving it does nothing): its own steps then fail on the signal.
   */
  enter(signal?: AbortSignal): Promise<LeaveGate> {
    if (signal?.aborted) return Promise.resolve(noSlot);
    if (this.#taken < this.#limit) {
      this.#taken++;
      return Promise.resolve(this.#slot());
    }
    return new Promise<LeaveGate>((resolve) => {
      const turn = () => {
        signal?.removeEventListener("abort", abandon);
        resolve(this.#slot());
      };
      const abandon = () => {
        const at = this.#waiting.indexOf(turn);
        // Already handed a slot (its immediate pending): the slot is the caller's to leave.
        if (at < 0) return;
        this.#waiting.splice(at, 1);
        resolve(noSlot);
      };
      signal?.addEventListener("abort", abandon, { once: true });
      this.#waiting.push(turn);
    });
  }

  #slot(): LeaveGate {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#pass();
    };
  }

  #pass(): void {
    const next = this.#waiting.shift();
    if (!next) {
      this.#taken--;
      return;
    }
    // The slot stays taken over the immediate: a chat arriving meanwhile queues behind `next`.
    setImmediate(next);
  }
}

/** The slot of a chat that never got one. */
function noSlot(): void {}
