/**
 * Worker loops sleep between looks at the queue; an enqueue, a retry or closing wakes them all at
 * once, so new work never waits out a poll interval.
 *
 * @module
 */

/** Sleeps that {@linkcode wake} cuts short. */
export class Sleepers {
  readonly #sleepers = new Set<() => void>();
  readonly #closed: () => boolean;

  /** `closed` true makes every later sleep return at once. */
  constructor(closed: () => boolean) {
    this.#closed = closed;
  }

  /** Ends every sleep now. */
  wake(): void {
    for (const wake of this.#sleepers) wake();
    this.#sleepers.clear();
  }

  /** Resolves after `ms` or at the next {@linkcode wake}, whichever comes first. */
  sleep(ms: number): Promise<void> {
    if (this.#closed()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.#sleepers.add(done);
    });
  }
}
