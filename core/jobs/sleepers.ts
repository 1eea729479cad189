/**
 * Worker loops sleep between looks at the queue; an enqueue wakes those that found nothing to
 * claim, so new work never waits out a poll interval, and a retry or closing wakes them all.
 *
 * @module
 */

/**
 * Why a loop sleeps: `idle` (nothing to claim: new work ends the sleep) or `held` (it must not
 * claim now, a pause or busy chats: new work would only wake it to sleep again, a timer each
 * time, as every chat's job was queued under many sessions).
 */
export type SleepKind = "idle" | "held";

/** Sleeps that {@linkcode wake} cuts short. */
export class Sleepers {
  readonly #sleepers = new Map<() => void, SleepKind>();
  readonly #closed: () => boolean;

  /** `closed` true makes every later sleep return at once. */
  constructor(closed: () => boolean) {
    this.#closed = closed;
  }

  /** Ends every sleep now (of `kind` only, when given). */
  wake(kind?: SleepKind): void {
    for (const [wake, slept] of this.#sleepers) if (kind === undefined || slept === kind) wake();
  }

  /** Resolves after `ms` or at the next {@linkcode wake} of it, whichever comes first. */
  sleep(ms: number, kind: SleepKind = "idle"): Promise<void> {
    if (this.#closed()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.#sleepers.set(done, kind);
    });
  }
}
