/**
 * Recording what became of a job whose run threw ({@linkcode Outcome}): back to the queue,
 * skipped, waiting (no attempt used, the runner pauses) or failed, each with the log line it
 * deserves.
 *
 * @module
 */
import type { Logger } from "../log.ts";
import { type Outcome, outcomeOf } from "./outcome.ts";
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
  /** Pauses the runner from `now` (one more doubling); the pause in ms. */
  pause(now: number): number;
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
  // A model that hangs holds a worker to its time limit per job: its persona waits its turn
  // behind the others for a while, so it delays only itself. Set with the outcome, by the worker
  // holding the job: a late outcome of a job lost to another worker changes nothing.
  const holdUntil = (outcome.kind === "failed" || outcome.kind === "retry") &&
      STALLS.has(outcome.error.reason)
    ? now + STALL_HOLD_MS
    : undefined;
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
      const pause = recorder.pause(now);
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
      ended(
        await repository.fail(job.id, { worker, error: outcome.error, now, holdUntil }),
        "failed",
      );
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
        holdUntil,
      });
  }
}

/** What recording a failed run needs besides the recorder: how failures are judged. */
export interface FailureRecorder extends OutcomeRecorder {
  /** The wait reason of a failure (`RunnerDeps.waitReason`). */
  waitReason?: (error: unknown) => string | null;
  settings: { retryBaseMs: number };
  /** True once the runner closes: a store failure is then expected and not logged. */
  closed(): boolean;
}

/** Judges and stores what became of `run` (its handler threw `error`); logs a store failure. */
export async function recordFailure(
  run: { job: Job; error: unknown; signal: AbortSignal },
  recorder: FailureRecorder,
): Promise<void> {
  const { job } = run;
  const { log, settings } = recorder;
  const outcome = outcomeOf(run, {
    waitReason: recorder.waitReason,
    retryBaseMs: settings.retryBaseMs,
    log,
  });
  try {
    await recordOutcome(job, outcome, recorder);
  } catch (storeError) {
    // The database itself failed: the lease will lapse and the job be claimed again.
    if (!recorder.closed()) {
      log.error("Could not record a job's outcome", { job: job.id, storeError });
    }
  }
}
