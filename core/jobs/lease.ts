/**
 * A running job's lease, kept while it runs: renewed every third of `leaseMs`, so that a job whose
 * process died is claimed again once its lease lapses; a lease found lost (another worker holds
 * the job) aborts the run with {@linkcode LEASE_LOST}.
 *
 * @module
 */
import { LEASE_LOST } from "./outcome.ts";
import type { RunnerDeps } from "./runner_types.ts";
import type { Job } from "./schema.ts";

/** The run whose lease {@linkcode keepLease} renews. */
export interface LeasedRun {
  job: Job;
  /** The worker holding the job. */
  worker: string;
  /** Aborted with {@linkcode LEASE_LOST} when the lease was lost. */
  controller: AbortController;
}

/** Renews `run.job`'s lease while it runs; returns what stops the renewals. */
export function keepLease(
  deps: Pick<RunnerDeps, "repository" | "clock" | "settings">,
  run: LeasedRun,
): () => void {
  const { repository, clock, settings } = deps;
  const { job, worker, controller } = run;
  const renewal = setInterval(async () => {
    const now = clock.now();
    const held = await repository.renew(job.id, {
      worker,
      until: now + settings.leaseMs,
      now,
    }).catch(() => true);
    if (!held) controller.abort(LEASE_LOST);
  }, Math.max(10, settings.leaseMs / 3));
  return () => clearInterval(renewal);
}
