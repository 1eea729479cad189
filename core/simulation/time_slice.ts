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

/**
 * When the current slice began, shared by the work that takes turns on one event loop: every
 * simulation of the process reads {@linkcode SIMULATION_SLICES}. With a clock each, two runs
 * yielded in turn (one's timer always ready when the other yielded), and the runtime, which reads
 * sockets only when nothing is ready to run or every few dozen wake-ups, left a WebSocket ping
 * waiting 1-2.7 s (attack18 F4); sharing one, a spent slice makes every run yield, the event loop
 * goes idle, and the sockets are read.
 */
export class SliceClock {
  /** When the current slice began (ms of {@linkcode now}). */
  started: number;

  /** A clock on `now` (`performance.now` by default; tests give their own). */
  constructor(readonly now: () => number = () => performance.now()) {
    this.started = now();
  }
}

/** The slice every simulation of this process shares. */
export const SIMULATION_SLICES: SliceClock = new SliceClock();

/** See the module documentation. */
export class TimeSlice {
  readonly #clock: SliceClock;
  /** How many times the work yielded. */
  yields = 0;

  /** Slices of `sliceMs` on `clock` (its own unless shared). */
  constructor(readonly sliceMs: number = SLICE_MS, clock: SliceClock = new SliceClock()) {
    this.#clock = clock;
  }

  /** Resolves at once within the slice; past it, after the event loop's pending work. */
  pass(): Promise<void> | undefined {
    if (this.#clock.now() - this.#clock.started < this.sliceMs) return undefined;
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
    this.#clock.started = this.#clock.now();
  }
}
