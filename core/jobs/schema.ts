/**
 * Background jobs: what a job is, its states, and how clients see it.
 *
 * @module
 */
import { isoTime } from "../clock.ts";

/** Where a job is in its life. */
export const JOB_STATES = ["queued", "running", "done", "failed", "skipped"] as const;
/** One state. */
export type JobState = typeof JOB_STATES[number];

/** Why a job failed (or why it waits), safe to show to clients. */
export interface JobError {
  /** A short code: `invalid_output`, `timeout`, `unreachable`, `internal_error`, ... */
  reason: string;
  message: string;
}

/** A JSON object, as payloads and results are stored. */
export type JsonObject = Record<string, unknown>;

/** A job as stored. Times are epoch milliseconds. */
export interface Job {
  id: string;
  kind: string;
  /** The persona the job works for (jobs of a deleted persona go with it), or null. */
  persona_id: string | null;
  /** Idempotency key: a second job with the same key is never created. */
  key: string;
  /**
   * While the job is still queued, later work with this key joins it instead of making a new
   * job (e.g. the lines of one room round); null for jobs that never gather.
   */
  batch_key: string | null;
  payload: JsonObject;
  state: JobState;
  /** Runs started, including the one running now. */
  attempts: number;
  max_attempts: number;
  /** Not claimed before this time (backoff, gathering delay). */
  run_after: number;
  /** A running job whose lease has passed is claimed again (its worker died). */
  lease_until: number | null;
  /** The worker that holds the job while it runs. */
  worker: string | null;
  /** The last failure; on a failed job, why it failed. */
  last_error: JobError | null;
  /** Set while a queued job is held back by a missing resource (the model is unreachable). */
  waiting: string | null;
  result: JsonObject | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

/** A job on the wire (`memory.jobs`). */
export interface JobView {
  job_id: string;
  kind: string;
  persona_id: string | null;
  state: JobState;
  attempts: number;
  max_attempts: number;
  /** ISO time before which a queued job will not run. */
  run_after: string;
  /** Why a queued job waits without using up its attempts, or null. */
  waiting: string | null;
  /** The last failure (on a failed or skipped job: why). */
  error: JobError | null;
  payload: JsonObject;
  result: JsonObject | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** The wire form of `job`. */
export function jobView(job: Job): JobView {
  return {
    job_id: job.id,
    kind: job.kind,
    persona_id: job.persona_id,
    state: job.state,
    attempts: job.attempts,
    max_attempts: job.max_attempts,
    run_after: isoTime(job.run_after),
    waiting: job.waiting,
    error: job.last_error,
    payload: job.payload,
    result: job.result,
    created_at: isoTime(job.created_at),
    updated_at: isoTime(job.updated_at),
    finished_at: job.finished_at === null ? null : isoTime(job.finished_at),
  };
}

/** How many jobs are in each state. */
export type JobCounts = Record<JobState, number>;

/** The reason of the jobs `JOBS_QUEUE_CAP` dropped (they end `skipped` with it). */
export const QUEUE_CAP_REASON = "queue_cap";

/**
 * Counts per state, and `dropped`: of the `skipped`, those the queue cap dropped (reason
 * {@linkcode QUEUE_CAP_REASON}) rather than skipped for having nothing to do.
 */
export type JobFigures = JobCounts & { dropped: number };

/** Counts with every state at zero. */
export function emptyCounts(): JobCounts {
  return { queued: 0, running: 0, done: 0, failed: 0, skipped: 0 };
}
