/**
 * What becomes of a job whose run threw (pure): its lease was lost (another worker has it), it
 * was cut short by shutdown or gave way to a chat (back to the queue as it was), there was nothing to do (skipped),
 * what it needs is out of reach (it waits, using no attempt), or it failed (retried after a
 * doubling backoff while attempts are left, else failed with its reason).
 *
 * @module
 */
import { AppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { cutText } from "../text_cut.ts";
import { doubling, RETRY_CAP_MS } from "./backoff.ts";
import { JobGaveWay, JobSkipped } from "./handler.ts";
import type { Job, JobError } from "./schema.ts";

/** The reason a running job is aborted at shutdown. */
export const SHUTDOWN = new Error("the job runner is shutting down");
/** The reason a running job is aborted when its lease was lost. */
export const LEASE_LOST = new Error("the job's lease was lost");

/** How an unexpected error shows: without its text, which may hold internals. */
export const INTERNAL: JobError = {
  reason: "internal_error",
  message: "Internal error (the server log has the details)",
};

/** Longest `message` (and `reason`) of a job's stored and logged error, in characters. */
export const MAX_ERROR_CHARS = 1000;

/** `text` cut to `max` UTF-16 units (`…` when cut), never inside a character (`text_cut.ts`). */
function capped(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${cutText(text, max - 1)}…`;
}

/** `error` with its texts capped: a failure's words come from outside (a model server). */
export function cappedError(error: JobError): JobError {
  return { reason: capped(error.reason, 100), message: capped(error.message, MAX_ERROR_CHARS) };
}

/** What to do with a job whose run threw. */
export type Outcome =
  | { kind: "lost" }
  | { kind: "released" }
  | { kind: "skipped"; error: JobError }
  | { kind: "waiting"; reason: string; error: JobError }
  | { kind: "failed"; error: JobError }
  | { kind: "retry"; error: JobError; delayMs: number };

/** A failure as clients may see it: domain errors in their own words, others masked (logged). */
export function describeFailure(error: unknown, log: Logger): JobError {
  if (error instanceof AppError) {
    const data = error.data as { reason?: unknown } | undefined;
    const reason = typeof data?.reason === "string" ? data.reason : error.code;
    return cappedError({ reason, message: error.message });
  }
  log.error("A background job threw an unexpected error", { error });
  return INTERNAL;
}

/** The outcome of `run` (a job, what it threw, its signal) under the runner's rules. */
export function outcomeOf(
  run: { job: Job; error: unknown; signal: AbortSignal },
  rules: { waitReason?: (error: unknown) => string | null; retryBaseMs: number; log: Logger },
): Outcome {
  const { job, error, signal } = run;
  if (signal.aborted && signal.reason === LEASE_LOST) return { kind: "lost" };
  if (signal.aborted && signal.reason === SHUTDOWN) return { kind: "released" };
  // It gave its model slot to a chat: done again later, as if never claimed.
  if (error instanceof JobGaveWay) return { kind: "released" };
  if (error instanceof JobSkipped) {
    return {
      kind: "skipped",
      error: cappedError({ reason: error.reason, message: error.message }),
    };
  }
  const wait = rules.waitReason?.(error) ?? null;
  const described = describeFailure(error, rules.log);
  if (wait !== null) return { kind: "waiting", reason: wait, error: described };
  if (job.attempts >= job.max_attempts) return { kind: "failed", error: described };
  const delayMs = doubling(job.attempts, { baseMs: rules.retryBaseMs, capMs: RETRY_CAP_MS });
  return { kind: "retry", error: described, delayMs };
}
