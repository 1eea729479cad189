/**
 * Time slices for long in-process work (a simulation tick): {@linkcode TimeSlice.pass} yields to
 * the event loop once the current slice has run {@linkcode SLICE_MS}, so the server keeps
 * answering its other clients while a large simulation runs. One check per call
 * (`performance.now()`), one yield per slice: a run's results do not change, only when other
 * work gets its turn.
 *
 * @module
 */
import { setImmediate } from "node:timers";

/** How long work runs before it lets the event loop serve others. */
export const SLICE_MS = 5;

/** See the module documentation. */
export class TimeSlice {
  #started = performance.now();
  /** How many times the work yielded. */
  yields = 0;

  constructor(readonly sliceMs: number = SLICE_MS) {}

  /** Resolves at once within the slice; past it, after the event loop's pending work. */
  pass(): Promise<void> | undefined {
    if (performance.now() - this.#started < this.sliceMs) return undefined;
    return this.next();
  }

  /** Yields now (an immediate: it runs once pending I/O is read, with no timer clamp). */
  async next(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.yields++;
    this.#started = performance.now();
  }
}
