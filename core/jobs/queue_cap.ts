/**
 * The cap on a persona's queued jobs of a kind, which bounds only runaway growth: a persona whose
 * model stalls (its jobs time out, so it is under a stall hold, `outcome_record.ts`) while a
 * client keeps it busy. Jobs that wait for an unreachable model, or behind chat traffic, are
 * never dropped: they run once the model is back or the chats pause.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
import type { JobRepository } from "./repository.ts";
import { QUEUE_CAP_REASON } from "./schema.ts";

/** The default cap (setting `JOBS_QUEUE_CAP`). */
export const DEFAULT_QUEUE_CAP = 200;

/** Episodes (persona and kind) remembered as logged, at most: forgetting logs once more. */
const MAX_EPISODES = 10_000;

/** What the cap needs. */
export interface QueueCapDeps {
  repository: JobRepository;
  clock: Clock;
  log: Logger;
  /** Queued jobs of a kind a persona keeps while held; 0: no cap. */
  cap: number;
}

/** What one trim did, to apply once its transaction (if any) has committed. */
export interface Trimmed {
  /** Jobs skipped (`queue_cap`). */
  dropped: number;
  /** Records the episode and logs its warning when it is new. */
  note(): void;
}

const NOTHING: Trimmed = { dropped: 0, note: () => {} };

/**
 * Trims a persona's queue after an enqueue and logs each episode once: an episode starts with
 * the first trim and ends when the persona's queued jobs of the kind are back to half the cap
 * (seen at a later enqueue), so a stall that lasts logs one warning, and the next one logs again.
 */
export class QueueCap {
  readonly #deps: QueueCapDeps;
  /** Open episodes: `persona\0kind`. */
  readonly #episodes = new Set<string>();

  /** A cap over `deps.repository`. */
  constructor(deps: QueueCapDeps) {
    this.#deps = deps;
  }

  /**
   * Skips the oldest queued jobs of `kind` of the persona (none: nothing) beyond the cap while it
   * is held; the
   * result's `note` (after the commit) opens the episode. Ends an open episode once the queue is
   * back to half the cap.
   */
  async trim(personaId: string | null, kind: string): Promise<Trimmed> {
    const { repository, clock, cap } = this.#deps;
    if (cap === 0 || personaId === null) return NOTHING;
    const key = `${personaId}\0${kind}`;
    const dropped = await repository.trimQueued({
      personaId,
      kind,
      keep: cap,
      error: {
        reason: QUEUE_CAP_REASON,
        message: `Over ${cap} queued jobs of this kind while the model stalls: the oldest ` +
          "was dropped",
      },
      now: clock.now(),
    });
    if (dropped > 0) return { dropped, note: () => this.#open(key, personaId, kind) };
    const half = Math.floor(cap / 2);
    if (!this.#episodes.has(key) || await repository.queued(personaId, kind, half + 1) > half) {
      return NOTHING;
    }
    return { dropped: 0, note: () => this.#episodes.delete(key) };
  }

  #open(key: string, personaId: string, kind: string): void {
    if (this.#episodes.has(key)) return;
    if (this.#episodes.size >= MAX_EPISODES) this.#episodes.clear();
    this.#episodes.add(key);
    this.#deps.log.warn(
      "A persona's model stalls and its queued jobs passed the cap: the oldest are dropped",
      { persona: personaId, kind, cap: this.#deps.cap },
    );
  }
}
