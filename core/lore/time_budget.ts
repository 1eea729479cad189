/**
 * The time one lorebook activation may take on the event loop. Activation is synchronous: a book
 * of 5,000 entries with 500 keys each over 1,000 deep messages could hold the server (health
 * checks, WebSocket pings, every other chat) for seconds. The clock is read before each regex or
 * whole-word key and every 16th plain one; past the budget, entries whose keys are not yet
 * looked for are cut (reason `time`) without being looked at. A key in progress is not stopped:
 * one regex key's scan (bounded by `REGEX_KEY_LIMITS.scanWork`) may run past the budget.
 *
 * @module
 */

/**
 * Plain substring keys between two reads of the clock: reading it costs about 200 ns, as much as
 * a substring search of a short scan, while 16 searches of the longest scan stay in milliseconds.
 */
export const PLAIN_KEYS_PER_CLOCK_READ = 16;

/** Milliseconds one activation may spend matching keys (SillyTavern has no such bound). */
export const LORE_TIME_BUDGET_MS = 250;

/** A time budget: its length and the clock it is measured on (injectable for tests). */
export interface TimeBudget {
  ms: number;
  /** Milliseconds from any origin (defaults to `performance.now`). */
  now?: () => number;
}

/** Thrown by {@link Deadline.check} once the budget is spent; activation catches it. */
export class OutOfTime extends Error {
  constructor() {
    super("lorebook activation ran out of time");
  }
}

const SPENT = new OutOfTime();

/** The end of one activation's budget. */
export class Deadline {
  readonly #now: () => number;
  readonly #end: number;
  #passed = false;
  #plainSinceRead = 0;

  constructor(budget: TimeBudget = { ms: LORE_TIME_BUDGET_MS }) {
    this.#now = budget.now ?? (() => performance.now());
    this.#end = this.#now() + budget.ms;
  }

  /** Whether the budget was spent at the last check. */
  get passed(): boolean {
    return this.#passed;
  }

  /**
   * Throws {@link OutOfTime} when the budget is spent (and at every check after). Before a
   * `plain` key the clock is read only every {@link PLAIN_KEYS_PER_CLOCK_READ} checks.
   */
  check(plain = false): void {
    // Past the budget every remaining entry throws: one error, not one (and its stack) each.
    if (this.#passed) throw SPENT;
    if (plain && ++this.#plainSinceRead < PLAIN_KEYS_PER_CLOCK_READ) return;
    this.#plainSinceRead = 0;
    if (this.#now() > this.#end) {
      this.#passed = true;
      throw new OutOfTime();
    }
  }
}
