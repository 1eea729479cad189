/**
 * How often each job gave its model slot to a person's chat ({@linkcode JobGaveWay}), kept in
 * memory by the runner. Giving way is bounded the way quiet_work.ts bounds waiting for quiet:
 * after {@linkcode MAX_GIVE_WAYS} gives-way a job's calls keep their slot and the chat waits one
 * call, so a person who chats steadily cannot starve extraction and reflection (each cut throws
 * the call's model work away).
 *
 * @module
 */
import type { Logger } from "../log.ts";
import { JobGaveWay } from "./handler.ts";
import type { Job } from "./schema.ts";

/** How many times one job gives way to chats; its next run's model calls are not cut. */
export const MAX_GIVE_WAYS = 2;

/**
 * Most jobs remembered. A job that gave way and then ran in another process is never forgotten
 * here; past this the oldest entries go (such a job at worst gives way a few times more).
 */
export const MAX_REMEMBERED = 10_000;

/** Per job, how many times it gave way (logged at debug level each time), and in all. */
export class GiveWays {
  readonly #counts = new Map<string, number>();
  #total = 0;

  /** Model calls of jobs that gave way to a chat since this runner started (a metric). */
  get total(): number {
    return this.#total;
  }

  /** Whether `jobId`'s next run may still give way. */
  mayGiveWay(jobId: string): boolean {
    return (this.#counts.get(jobId) ?? 0) < MAX_GIVE_WAYS;
  }

  /** A run of `job` ended with `error` (null: done): counts a give-way, else forgets the job. */
  ended(job: Job, error: unknown, log: Logger): void {
    if (!(error instanceof JobGaveWay)) {
      this.#counts.delete(job.id);
      return;
    }
    const times = (this.#counts.get(job.id) ?? 0) + 1;
    this.#counts.delete(job.id);
    this.#counts.set(job.id, times);
    this.#total++;
    for (const oldest of this.#counts.keys()) {
      if (this.#counts.size <= MAX_REMEMBERED) break;
      this.#counts.delete(oldest);
    }
    log.debug("A background job gave way to a chat", {
      job: job.id,
      kind: job.kind,
      persona: job.persona_id,
      reason: "yielded_to_chat",
      times,
    });
  }
}
