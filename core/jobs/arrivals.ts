/**
 * Work that is about to enqueue jobs (the mind reacting to a store once the reply is sent).
 * Reads of the queue, and closing, wait for it, so a client never reads a queue that misses what
 * its last call started.
 *
 * @module
 */

/** The work tracked and not yet done. */
export class Arrivals {
  readonly #arriving = new Set<Promise<void>>();
  readonly #hurry: (() => void) | undefined;

  /** `hurry` asks for the tracked work to run now rather than at a quiet moment. */
  constructor(hurry?: () => void) {
    this.#hurry = hurry;
  }

  /** Tracks `work` until it settles; its failure is the caller's to report, not ours. */
  track(work: Promise<void>): void {
    const arriving: Promise<void> = work.catch(() => {}).finally(() =>
      this.#arriving.delete(arriving)
    );
    this.#arriving.add(arriving);
  }

  /** Resolves once the work tracked so far (and what it tracked) is done. */
  async arrived(): Promise<void> {
    while (this.#arriving.size > 0) {
      this.#hurry?.();
      await Promise.all(this.#arriving);
    }
  }
}
