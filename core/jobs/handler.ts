/**
 * What a job handler is: the kind it runs, the shape of its payload, and its work; and how it
 * says there was nothing to do.
 *
 * @module
 */
import type { z } from "zod";
import type { Job, JsonObject } from "./schema.ts";

/** Thrown by a handler when there is nothing it can do; the job ends `skipped` with the reason. */
export class JobSkipped extends Error {
  readonly reason: string;

  /** `reason` is a short code (`sources_gone`); `message` says why in words. */
  constructor(reason: string, message: string) {
    super(message);
    this.name = "JobSkipped";
    this.reason = reason;
  }
}

/**
 * Thrown by a handler whose run gave way to a person's request (its model call's slot went to a
 * chat): the job goes back to the queue as it was, no attempt used, and runs again later.
 */
export class JobGaveWay extends Error {
  /** `message` says what it gave way to. */
  constructor(message: string) {
    super(message);
    this.name = "JobGaveWay";
  }
}

/** What a handler gets for one run. */
export interface JobRun<P> {
  job: Job;
  payload: P;
  /** Aborted at shutdown, or when the job's lease was lost. */
  signal: AbortSignal;
  /**
   * Whether the run's model calls may still give way to a chat ({@linkcode JobGaveWay}): false
   * once this job gave way `MAX_GIVE_WAYS` times (`give_ways.ts`). Absent: true.
   */
  mayGiveWay?: boolean;
}

/** Runs the jobs of one kind. */
export interface JobHandler<P = unknown> {
  kind: string;
  /** The payload's shape; a payload that does not match fails the job at once. */
  payload: z.ZodType<P>;
  /** Does the work; returns a small summary kept as the job's result. */
  run(run: JobRun<P>): Promise<JsonObject>;
}
