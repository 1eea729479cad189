/**
 * The seam between the metrics and the background job queue (`core/jobs`): the server binds the
 * job runner's counts; {@linkcode NO_JOBS} stands in where no runner is bound.
 *
 * @module
 */

/** What the metrics read from a job queue. */
export interface JobQueueView {
  /**
   * Jobs waiting, running and failed (they need a retry or a look) now, and those the queue cap
   * dropped (kept until purged).
   */
  counts(): Promise<{ queued: number; running: number; failed: number; dropped: number }>;
  /** Model calls of jobs that gave way to a person's chat since the server started. */
  gaveWay(): number;
}

/** The view of a server without a job runner: nothing queued, nothing running. */
export const NO_JOBS: JobQueueView = {
  counts: () => Promise.resolve({ queued: 0, running: 0, failed: 0, dropped: 0 }),
  gaveWay: () => 0,
};
