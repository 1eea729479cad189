/**
 * Time slices for long in-process work (a simulation tick): {@linkcode TimeSlice.pass} yields to
 * the event loop once the current slice has run {@linkcode SLICE_MS}, so the server keeps
 * answering its other clients while a large simulation runs. One check per call
 * (`performance.now()`), one yield per slice (a timer: see {@linkcode TimeSlice.next}): a run's
 * results do not change, only when other work gets its turn.
 *
 * @module
 */
/**
 * How long work runs before it lets the event loop serve others: a yield costs ~1.2 ms of waiting
 * (a nested timer), so 15 ms slices cost a simulation ~8 % of its turns a second; 40 ms keeps the
 * cost ~3 % and other clients' waits during a large run well under a tenth of a second.
 */
export const SLICE_MS = 40;

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

  /**
   * Yields now, on a timer: the runtime then waits for it and reads the sockets meanwhile. An
   * immediate (`setImmediate`) lets timers and promises run but not I/O: Deno's runtime reads its
   * sockets only when it has nothing ready to run, or every few dozen wake-ups, so a run that
   * yielded by immediates every 5 ms left a WebSocket ping waiting ~300 ms (attack5 F6). A timer
   * costs up to 4 ms (nested timers are clamped), hence one per slice, not per turn or tick.
   */
  async next(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.yields++;
    this.#started = performance.now();
  }
}
