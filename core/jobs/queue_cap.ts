/**
 * The cap on a persona's queued jobs of a kind, at all times (attack32 M2): chats queue
 * extraction faster than workers finish it whenever the model is slow, stalls (its jobs time out)
 * or the chats never pause, and a queue without a bound grows for as long as that lasts (every
 * claim and read of it then costs more). Past the cap the oldest queued jobs are skipped with
 * the reason `queue_cap` (their raw memories stay; only their facts are not drawn), counted as
 * `dropped`; at the default (200 a kind) that is a backlog no worker catches up on anyway.
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
  /** Queued jobs of a kind a persona keeps; 0: no cap. */
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
   * Skips the oldest queued jobs of `kind` of the persona (none: nothing) beyond the cap; the
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
        message: `Over ${cap} queued jobs of this kind (the model or the workers fall behind): ` +
          "the oldest was dropped",
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
      "A persona's queued jobs passed the cap (its model or the workers fall behind): the " +
        "oldest are dropped",
      { persona: personaId, kind, cap: this.#deps.cap },
    );
  }
}
