/**
 * One claimed job's run, apart from the runner's loop (`runner.ts`): its payload checked, its
 * handler run, and its end recorded (done, or what the failure makes of it: `outcome_record.ts`),
 * with the runner's counts moved to match.
 *
 * @module
 */
import type { OutagePause } from "./backoff.ts";
import type { GiveWays } from "./give_ways.ts";
import type { JobHandler } from "./handler.ts";
import { recordFailure } from "./outcome_record.ts";
import type { RunnerDeps } from "./runner_types.ts";
import type { Job, JobState } from "./schema.ts";
import type { JobTally } from "./tally.ts";

/** What a claimed run needs of its runner besides the runner's own deps. */
export interface ClaimedRunDeps extends RunnerDeps {
  /** The worker that holds the job. */
  worker: string;
  tally: JobTally;
  giveWays: GiveWays;
  pause: OutagePause;
  /** True once the runner closes. */
  closed: () => boolean;
}

/**
 * Runs `job` (claimed by `deps.worker`) with `run.handler` to its end; a failure is judged and
 * stored, never thrown. `run.signal` aborts the handler (shutdown, a lost lease).
 */
export async function runClaimed(
  job: Job,
  run: { handler: JobHandler; signal: AbortSignal },
  deps: ClaimedRunDeps,
): Promise<void> {
  const { repository, clock, worker, giveWays } = deps;
  const { handler, signal } = run;
  try {
    const parsed = handler.payload.safeParse(job.payload);
    if (!parsed.success) {
      const failed = await repository.fail(job.id, {
        worker,
        error: {
          reason: "invalid_payload",
          message: `The job's payload is not valid: ${parsed.error.message}`,
        },
        now: clock.now(),
      });
      ended(deps, { held: failed, state: "failed" });
      return;
    }
    const mayGiveWay = giveWays.mayGiveWay(job.id);
    const result = await handler.run({ job, payload: parsed.data, signal, mayGiveWay });
    giveWays.ended(job, null, deps.log);
    // Finished work is recorded even when shutdown came meanwhile: redoing it would be waste.
    const held = await repository.complete(job.id, { worker, result, now: clock.now() });
    ended(deps, { held, state: "done" });
    deps.pause.clear();
  } catch (error) {
    giveWays.ended(job, error, deps.log);
    await recordFailure({ job, error, signal }, {
      ...deps,
      now: clock.now(),
      ended: (held, state) => ended(deps, { held, state }),
      pause: (now) => deps.pause.lengthen(now),
      waiting: (reason) => deps.tally.wait(reason),
    });
  }
}

/** A run of this worker ended in `state`, or (`held` false) the job had passed to another. */
function ended(deps: ClaimedRunDeps, end: { held: boolean; state: JobState }): void {
  deps.tally.shift("running", end.held ? end.state : null);
  if (!end.held) deps.tally.invalidate();
}
