/**
 * The seam between the metrics and background work: what `persona_mcp_jobs` reads. The server's
 * `TaskStore` (`../task_store.ts`: work that outlives its request, MCP's tasks extension) implements it; a
 * server without one reports {@linkcode NO_JOBS}.
 *
 * @module
 */

/** What the metrics read from a job queue. */
export interface JobQueueView {
  /** Jobs waiting and running now. */
  counts(): { queued: number; running: number };
}

/** The view of a server without background work: nothing queued, nothing running. */
export const NO_JOBS: JobQueueView = { counts: () => ({ queued: 0, running: 0 }) };
