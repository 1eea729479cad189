/**
 * Chroma failures as `MemoryUnavailable` (-32002) with a `data` that says what failed, why, and
 * what to do.
 *
 * @module
 */
import { ChromaConnectionError, ChromaUnauthorizedError } from "chromadb";
import { MemoryUnavailable } from "../errors.ts";

/** What was being done when Chroma failed. */
export interface ChromaAttempt {
  /** What the server tried, in words ("search memories"). */
  action: string;
  url: string;
  timeoutMs: number;
  /** Whether the deadline aborted the request. */
  timedOut: boolean;
}

const HINT = "Start Chroma (deno task chroma) or set MEMORY_BACKEND=sqlite";

/** The memory error for `error`, thrown by Chroma (or its client) during `attempt`. */
export function chromaFailure(error: unknown, attempt: ChromaAttempt): MemoryUnavailable {
  if (error instanceof MemoryUnavailable) return error;
  const { action, url, timeoutMs } = attempt;
  const base = { backend: "chroma", url, action };
  if (attempt.timedOut) {
    return new MemoryUnavailable(
      `Memory store did not answer: Chroma at ${url} took over ${timeoutMs} ms to ${action}`,
      { ...base, reason: "timeout", hint: HINT },
    );
  }
  if (error instanceof ChromaConnectionError) {
    return new MemoryUnavailable(
      `Memory store unreachable: cannot connect to Chroma at ${url} to ${action}`,
      { ...base, reason: "unreachable", hint: HINT },
    );
  }
  if (error instanceof ChromaUnauthorizedError) {
    return new MemoryUnavailable(`Memory store refused access: Chroma at ${url} wants a token`, {
      ...base,
      reason: "unauthorized",
      hint: "Set CHROMA_TOKEN",
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new MemoryUnavailable(`Memory store failed to ${action}: ${detail}`, {
    ...base,
    reason: "chroma_error",
    detail,
  });
}
