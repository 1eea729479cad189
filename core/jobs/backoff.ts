/**
 * How long a failed job waits before its next attempt, and how long the runner pauses while a
 * resource it needs (the model) is out of reach: both double from a base up to a cap.
 *
 * @module
 */

/** The longest wait before a retry (ms): five minutes. */
export const RETRY_CAP_MS = 300_000;
/** The longest pause while the model is unreachable (ms): one minute. */
export const PAUSE_CAP_MS = 60_000;
/** The first pause while the model is unreachable (ms). */
export const PAUSE_BASE_MS = 1_000;

/** `base · 2^(n−1)`, at most `cap` (n ≥ 1: the first retry waits `base`). */
export function doubling(n: number, options: { baseMs: number; capMs: number }): number {
  const exponent = Math.min(Math.max(n, 1) - 1, 30);
  return Math.min(options.baseMs * 2 ** exponent, options.capMs);
}

/**
 * The runner's pause while a resource its jobs need is out of reach: each waiting outcome in a
 * row doubles it (from {@linkcode PAUSE_BASE_MS} up to {@linkcode PAUSE_CAP_MS}), and a job that
 * ends done clears the streak.
 */
export class OutagePause {
  #streak = 0;
  #until = 0;

  /** When the pause ends (ms since the epoch); in the past when there is none. */
  get until(): number {
    return this.#until;
  }

  /** Pauses from `now` for one more doubling; returns the pause in ms. */
  lengthen(now: number): number {
    this.#streak++;
    const pause = doubling(this.#streak, { baseMs: PAUSE_BASE_MS, capMs: PAUSE_CAP_MS });
    this.#until = now + pause;
    return pause;
  }

  /** A job ran: the next outage starts again from the base. */
  clear(): void {
    this.#streak = 0;
  }
}
