/**
 * An in-process lock per key: work under one key runs one at a time, in the order it asked,
 * work under different keys runs side by side. The memory writer serialises link-changing
 * updates of one persona with it (`persona_write_locks.ts`).
 *
 * @module
 */
import { awayFromTurn } from "../turn_away.ts";

/** Runs work one at a time per key. */
export class KeyedLock {
  /** The last work asked for under each key (settled or not); gone once it settles last. */
  readonly #tails = new Map<string, Promise<unknown>>();

  /** Runs `work` once every earlier work under `key` has settled; its result. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.#tails.get(key);
    // The wait for earlier work gives the request's turn back (core/turn_away.ts): the holder
    // may be a request of the same connection that needs a turn to finish. A tail never rejects.
    const result = before === undefined
      ? Promise.resolve().then(work)
      : awayFromTurn(() => before).then(work);
    const tail = result.then(() => {}, () => {});
    this.#tails.set(key, tail);
    // The map keeps no key whose work is all done.
    tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** How many keys have work waiting or running (for tests). */
  get size(): number {
    return this.#tails.size;
  }
}
