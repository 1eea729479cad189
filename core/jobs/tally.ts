/**
 * The runner's last known job counts per state, cheap to read on every status call: this
 * process's own changes move them at once, and a recount from the database (at most once per
 * poll, when a worker finds nothing to claim) brings in other processes' changes and purges.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
import type { JobRepository } from "./repository.ts";
import { emptyCounts, type JobCounts, type JobState } from "./schema.ts";

/** What the tally reads from. */
export interface TallyDeps {
  repository: JobRepository;
  clock: Clock;
  log: Logger;
  /** True once the runner closes: a failed recount is then expected and not logged. */
  closed: () => boolean;
}

/** Last known counts per state, and why queued jobs wait (null when they do not). */
export class JobTally {
  readonly #deps: TallyDeps;
  #counts: JobCounts = emptyCounts();
  #waiting: string | null = null;
  #lastRecount = Number.NEGATIVE_INFINITY;

  /** A tally of zeros until the first {@linkcode recount}. */
  constructor(deps: TallyDeps) {
    this.#deps = deps;
  }

  /** The counts and the waiting reason, copied. */
  read(): JobCounts & { waiting: string | null } {
    return { ...this.#counts, waiting: this.#waiting };
  }

  /** Moves one job from state `from` to `to` (null: none). */
  shift(from: JobState | null, to: JobState | null): void {
    if (from) this.#counts[from] = Math.max(0, this.#counts[from] - 1);
    if (to) this.#counts[to]++;
    if (this.#counts.queued === 0) this.#waiting = null;
  }

  /** Queued jobs wait for `reason` (the model server is unreachable). */
  wait(reason: string): void {
    this.#waiting = reason;
  }

  /** The counts may be wrong (a job passed to another worker, rows were purged): recount soon. */
  invalidate(): void {
    this.#lastRecount = Number.NEGATIVE_INFINITY;
  }

  /** Whether the last recount is at least `pollMs` old (or the counts were invalidated). */
  stale(now: number, pollMs: number): boolean {
    return now - this.#lastRecount >= pollMs;
  }

  /** Counts again from the database; a failure keeps the last counts. */
  async recount(): Promise<void> {
    const { repository, clock, log } = this.#deps;
    this.#lastRecount = clock.now();
    try {
      this.#counts = await repository.counts();
      this.#waiting = this.#counts.queued > 0 ? await repository.waitingReason() : null;
    } catch (error) {
      if (!this.#deps.closed()) log.warn("Could not count jobs", { error });
    }
  }
}
