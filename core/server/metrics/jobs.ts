/**
 * The seam between the metrics and a background job queue. The job runner is planned (a later
 * issue); until it exists the server reports an empty queue through {@linkcode NO_JOBS}, so that
 * dashboards and alerts can be written against `persona_mcp_jobs` today.
 *
 * @module
 */

/** What the metrics read from a job queue. */
export interface JobQueueView {
  /** Jobs waiting and running now. */
  counts(): { queued: number; running: number };
}

/** The view of a server without a job runner: nothing queued, nothing running. */
export const NO_JOBS: JobQueueView = { counts: () => ({ queued: 0, running: 0 }) };
