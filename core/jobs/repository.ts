/**
 * The storage seam of the job runner: every statement about jobs lives behind this interface
 * (`sql_repository.ts` for SQLite and PostgreSQL). Claiming is one method,
 * {@linkcode JobRepository.claimNext}, so each database can claim in its own safe way: SQLite
 * with one `UPDATE … RETURNING` under its write lock, PostgreSQL with
 * `SELECT … FOR UPDATE SKIP LOCKED` inside the `UPDATE`.
 *
 * Every transition of a running job names the worker holding it: a worker whose lease passed
 * (it was presumed dead and the job was claimed again) cannot complete or fail the job any more.
 *
 * @module
 */
import type { Job, JobCounts, JobError, JobState, JsonObject } from "./schema.ts";

/** A new job: what its creator decides; the rest starts empty (queued, no attempt). */
export type NewJob = Pick<
  Job,
  | "id"
  | "kind"
  | "persona_id"
  | "key"
  | "batch_key"
  | "payload"
  | "max_attempts"
  | "run_after"
  | "created_at"
>;

/** What {@linkcode JobRepository.claimNext} claims for. */
export interface ClaimRequest {
  /** Only jobs of these kinds (the ones this worker can run). */
  kinds: readonly string[];
  worker: string;
  now: number;
  /** The claimed job's lease ends at `now + leaseMs` unless renewed. */
  leaseMs: number;
}

/** Which jobs a list shows. */
export interface JobFilter {
  personaId?: string;
  state?: JobState;
  kind?: string;
}

/** How a running job goes back to the queue. */
export interface Requeue {
  runAfter: number;
  now: number;
  /** Why it failed (a retry) or null (released at shutdown). */
  error: JobError | null;
  /** Why it waits without using an attempt (the model is unreachable), or null. */
  waiting: string | null;
  /** False when the run does not count as an attempt (shutdown, a wait). */
  countAttempt: boolean;
  /**
   * Its model stalled: the persona goes behind every persona claimed before this time in the
   * claim order (the others go first for a while; with nothing else due it still runs).
   */
  holdUntil?: number;
}

/** How a held job ends (done, failed, skipped). */
export interface JobEnd {
  worker: string;
  now: number;
  /** As {@linkcode Requeue.holdUntil} (a failure whose model stalled). */
  holdUntil?: number;
}

/** Jobs in a database. All times are epoch milliseconds. */
export interface JobRepository {
  /** Adds `job` unless a job with its key exists; returns the job with that key either way. */
  insert(job: NewJob): Promise<{ job: Job; created: boolean }>;
  /** The queued job gathering work under `batchKey`, if any. */
  openBatch(batchKey: string): Promise<Job | undefined>;
  /**
   * Replaces a queued job's payload and start time; false when it is no longer queued (it was
   * claimed meanwhile), so the caller makes a new job instead.
   */
  extendBatch(
    id: string,
    change: { payload: JsonObject; runAfter: number; now: number },
  ): Promise<boolean>;
  /**
   * THE claim: atomically takes the next runnable job of `kinds` (queued and due, or running
   * with a lapsed lease) of the persona whose jobs were claimed least recently (never: first),
   * its oldest due first, marks it running for `worker` with a lease and
   * counts the attempt. Two workers never get the same job.
   */
  claimNext(request: ClaimRequest): Promise<Job | undefined>;
  /**
   * Skips the persona's queued jobs of `kind` beyond its newest `keep` (the oldest go), with
   * `error` as their reason; returns how many.
   */
  trimQueued(
    cap: { personaId: string; kind: string; keep: number; error: JobError; now: number },
  ): Promise<number>;
  /** How many jobs of `kind` the persona has queued, counted up to `upTo` at most. */
  queued(personaId: string, kind: string, upTo: number): Promise<number>;
  /** Extends the lease of a job `worker` still holds; false when it holds it no more. */
  renew(id: string, lease: { worker: string; until: number; now: number }): Promise<boolean>;
  /** Marks a held job done with its result. */
  complete(id: string, end: { worker: string; result: JsonObject; now: number }): Promise<boolean>;
  /** Marks a held job failed (no attempts left, or it can never succeed). */
  fail(id: string, end: JobEnd & { error: JobError }): Promise<boolean>;
  /** Marks a held job skipped: there is nothing it could do (the reason says why). */
  skip(id: string, end: { worker: string; error: JobError; now: number }): Promise<boolean>;
  /** Puts a held job back in the queue. */
  requeue(id: string, worker: string, change: Requeue): Promise<boolean>;
  /** Puts failed jobs back in the queue with fresh attempts; returns how many. */
  retryFailed(filter: { ids?: readonly string[]; now: number }): Promise<number>;
  /** The job with `id`. */
  get(id: string): Promise<Job | undefined>;
  /** A page of jobs matching `filter`, newest first, and how many match in all. */
  list(filter: JobFilter, page: { limit: number; offset: number }): Promise<{
    jobs: Job[];
    total: number;
  }>;
  /** How many jobs are in each state (of one persona when given). */
  counts(personaId?: string): Promise<JobCounts>;
  /** How many skipped jobs the queue cap dropped (of one persona when given). */
  dropped(personaId?: string): Promise<number>;
  /** The earliest time a job of `kinds` becomes claimable (due or lease lapsing), if any. */
  nextDue(kinds: readonly string[]): Promise<number | undefined>;
  /** The reason queued jobs are held back, from the most recent one that says so. */
  waitingReason(): Promise<string | null>;
  /** Deletes finished jobs (done, failed, skipped) that finished before `before`. */
  purgeFinished(before: number): Promise<number>;
}
