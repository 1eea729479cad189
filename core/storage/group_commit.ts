/**
 * Group commit for small writes that many requests make at once (a chat's history line under
 * many busy sessions): the items asked for in one turn of the event loop are written together
 * by one call (one transaction, one commit) once the turn's I/O callbacks have run
 * (`setImmediate`: at once on a quiet server, where a timer would wait milliseconds). Items
 * asked for while a group is being written go in the next. Each caller still learns whether its
 * own item was written: when a group fails, its items are written again one by one.
 *
 * @module
 */
import { setImmediate } from "node:timers";

interface Pending<T> {
  item: T;
  resolve(): void;
  reject(error: unknown): void;
}

/** Writes items in groups through `write` (which must write all of them or none). */
export class GroupCommit<T> {
  readonly #write: (items: readonly T[]) => Promise<void>;
  #queue: Pending<T>[] = [];
  #scheduled: Promise<void> | null = null;

  /** Groups the items given to {@linkcode add} and writes each group with `write`. */
  constructor(write: (items: readonly T[]) => Promise<void>) {
    this.#write = write;
  }

  /** Writes `item` with whatever else is asked for now; resolves once it is written. */
  add(item: T): Promise<void> {
    const written = new Promise<void>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
    });
    this.#scheduled ??= new Promise<void>((resolve) => {
      setImmediate(() => this.#flush().then(resolve));
    });
    return written;
  }

  async #flush(): Promise<void> {
    const group = this.#queue;
    this.#queue = [];
    this.#scheduled = null;
    if (group.length > 1) {
      try {
        await this.#write(group.map((pending) => pending.item));
        for (const pending of group) pending.resolve();
        return;
      } catch {
        // One caller's failure (its persona deleted meanwhile) must not be everyone's.
      }
    }
    for (const pending of group) {
      try {
        await this.#write([pending.item]);
        pending.resolve();
      } catch (error) {
        pending.reject(error);
      }
    }
  }
}
