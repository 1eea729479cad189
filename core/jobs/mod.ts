/**
 * Background jobs: a persisted queue run off the request path, with retries, backoff, waiting
 * for the model, and idempotency keys (`runner.ts`); the storage seam with its one claim step
 * (`repository.ts`) and its SQL form for SQLite and PostgreSQL (`sql_repository.ts`).
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { RunnerSettings } from "./runner_types.ts";

export { doubling, PAUSE_CAP_MS, RETRY_CAP_MS } from "./backoff.ts";
export type { ClaimRequest, JobFilter, JobRepository, NewJob, Requeue } from "./repository.ts";
export { DEFAULT_QUEUE_CAP } from "./queue_cap.ts";
export { JobGaveWay, type JobHandler, type JobRun, JobSkipped } from "./handler.ts";
export { JobRunner } from "./runner.ts";
export type {
  AfterCommit,
  Enqueued,
  EnqueueRequest,
  RunnerDeps,
  RunnerSettings,
} from "./runner_types.ts";
export {
  emptyCounts,
  type Job,
  JOB_STATES,
  type JobCounts,
  type JobError,
  type JobFigures,
  type JobState,
  type JobView,
  jobView,
  type JsonObject,
  QUEUE_CAP_REASON,
} from "./schema.ts";
export { jobMigrations, jsonTexts, SqlJobRepository } from "./sql_repository.ts";

/** How often an idle worker looks at the queue (other processes may add jobs): 5 s. */
export const POLL_MS = 5_000;

/** The runner settings in `config`. */
export function runnerSettings(config: Config): RunnerSettings {
  return {
    maxAttempts: config.JOBS_MAX_ATTEMPTS,
    // Whole ms (at least 1): run_after and lease_until are BIGINT columns on PostgreSQL.
    retryBaseMs: Math.max(1, Math.round(config.JOBS_RETRY_BASE_S * 1000)),
    leaseMs: Math.max(1, Math.round(config.JOBS_LEASE_S * 1000)),
    concurrency: config.JOBS_CONCURRENCY,
    retentionMs: Math.round(config.JOBS_RETENTION_DAYS * 86_400_000),
    pollMs: POLL_MS,
    queueCap: config.JOBS_QUEUE_CAP,
  };
}
