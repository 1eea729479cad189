/**
 * What the job runner is built from (its repository, settings and hooks into the server's quiet
 * time) and the shapes of an enqueue, apart from `runner.ts` so the runner reads as its loop.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
import type { JobRepository } from "./repository.ts";
import type { Job, JsonObject } from "./schema.ts";

/** Tunables (settings). */
export interface RunnerSettings {
  /** Attempts before a job fails. */
  maxAttempts: number;
  /** Wait before the first retry (ms); doubles per attempt, at most five minutes. */
  retryBaseMs: number;
  /** A running job's lease (ms), renewed every third of it while it runs. */
  leaseMs: number;
  /** Jobs run at once by this process. */
  concurrency: number;
  /** Finished jobs older than this are deleted (ms). */
  retentionMs: number;
  /** Longest sleep between looks at the queue (other processes may add jobs). */
  pollMs: number;
  /**
   * Queued jobs of a kind a persona keeps, at all times (`queue_cap.ts`); 0: no cap.
   */
  queueCap: number;
}

/** Hands an effect on the runner's counts and log to run once a transaction has committed. */
export type AfterCommit = (effect: () => void) => void;

/** What the runner is built from. */
export interface RunnerDeps {
  repository: JobRepository;
  clock: Clock;
  log: Logger;
  settings: RunnerSettings;
  /**
   * Why a failure means "wait, do not count it" (the model server is unreachable), or null for a
   * real failure. Waiting jobs keep their attempts.
   */
  waitReason?: (error: unknown) => string | null;
  /**
   * How long to hold off before claiming the next job (ms; 0: go now): background work waits
   * while chats are busy, so its share of the one JavaScript thread never slows a reply.
   */
  holdOff?: () => number;
  /**
   * Asks for the work `JobRunner.track`ed so far to run now (the server's quiet-time
   * queue, `quiet_work.ts`, would otherwise wait for a quiet moment): a read of the queue waits
   * for that work, and must not wait for the chats to pause.
   */
  hurry?: () => void;
}

/** A job to add. */
export interface EnqueueRequest {
  kind: string;
  personaId: string | null;
  /** Idempotency key: when a job with this key exists, nothing new is made. */
  key: string;
  payload: JsonObject;
  /** Not before this many ms from now. */
  delayMs?: number;
  /**
   * Joins a still-queued job with the same batch key instead: `merge` makes its new payload
   * (null when the batch is full, then a new job starts), and its start moves to `delayMs` from
   * now, so a burst gathers into one job.
   */
  batch?: { key: string; merge(current: JsonObject, incoming: JsonObject): JsonObject | null };
}

/** What became of an enqueue. */
export interface Enqueued {
  job: Job;
  /** False when the key existed or the work joined a queued batch. */
  created: boolean;
}
