/**
 * Recording what became of a job whose run threw ({@linkcode Outcome}): back to the queue,
 * skipped, waiting (no attempt used, the runner pauses) or failed, each with the log line it
 * deserves.
 *
 * @module
 */
import type { Logger } from "../log.ts";
import type { Outcome } from "./outcome.ts";
import type { JobRepository, Requeue } from "./repository.ts";
import type { Job, JobState } from "./schema.ts";

/** Failures of a model that stalled: no answer within the call's time limit. */
export const STALLS: ReadonlySet<string> = new Set(["timeout", "stream_idle"]);

/** How long a persona whose model stalled lets every other persona's jobs go first: 1 minute. */
export const STALL_HOLD_MS = 60_000;

/** What recording an outcome needs of the runner. */
export interface OutcomeRecorder {
  repository: JobRepository;
  log: Logger;
  /** The worker that held the job. */
  worker: string;
  now: number;
  /** A run of this worker ended in `state`, or (`held` false) the job had passed to another. */
  ended(held: boolean, state: JobState): void;
  /** Pauses the runner (one more doubling); the pause in ms. */
  pause(): number;
  /** Queued jobs now wait for `reason`. */
  waiting(reason: string): void;
}

/** Stores `outcome` of `job`'s run; a store failure is thrown for the caller to log. */
export async function recordOutcome(
  job: Job,
  outcome: Outcome,
  recorder: OutcomeRecorder,
): Promise<void> {
  const { repository, log, worker, now, ended } = recorder;
  const requeue = async (change: Omit<Requeue, "now">) => {
    ended(await repository.requeue(job.id, worker, { ...change, now }), "queued");
  };
  if (
    (outcome.kind === "failed" || outcome.kind === "retry") && STALLS.has(outcome.error.reason)
  ) {
    // A model that hangs holds a worker to its time limit per job: its persona waits its turn
    // behind the others for a while, so it delays only itself.
    await repository.deferTurn(job.id, now + STALL_HOLD_MS);
  }
  switch (outcome.kind) {
    case "lost":
      ended(false, "running");
      return;
    case "released":
      await requeue({ runAfter: now, error: null, waiting: null, countAttempt: false });
      return;
    case "skipped":
      ended(await repository.skip(job.id, { worker, error: outcome.error, now }), "skipped");
      return;
    case "waiting": {
      const pause = recorder.pause();
      log.info("A background job waits", { job: job.id, kind: job.kind, reason: outcome.reason });
      await requeue({
        runAfter: now + pause,
        error: outcome.error,
        waiting: outcome.reason,
        countAttempt: false,
      });
      recorder.waiting(outcome.reason);
      return;
    }
    case "failed":
      log.warn("A background job failed", { job: job.id, kind: job.kind, ...outcome.error });
      ended(await repository.fail(job.id, { worker, error: outcome.error, now }), "failed");
      return;
    case "retry":
      log.info("A background job will be retried", {
        job: job.id,
        kind: job.kind,
        attempt: job.attempts,
        in_ms: outcome.delayMs,
        reason: outcome.error.reason,
      });
      await requeue({
        runAfter: now + outcome.delayMs,
        error: outcome.error,
        waiting: null,
        countAttempt: true,
      });
  }
}
