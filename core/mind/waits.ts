/**
 * When background work waits instead of failing: the model server cannot be reached, lacks the
 * model, is not set up, is saturated or is still loading its model, or the memory store is down. Such a job goes back to the
 * queue without using an attempt, and says why (`memory.jobs`, `system.status`); it runs once
 * the model or the store is back. Every other failure (an error answer, a timeout, JSON that
 * does not match) is retried and then fails with its reason.
 *
 * @module
 */
import { AppError } from "../errors.ts";

/** `data.reason`s of LLM errors that mean "no model to ask right now". */
export const WAITING_REASONS: readonly string[] = [
  "unreachable",
  "model_missing",
  "provider_unconfigured",
  "rate_limited",
  "server_busy",
  "model_loading",
  "queue_full",
];

/** Why a job failing with `error` should wait rather than use an attempt, or null. */
export function waitReason(error: unknown): string | null {
  if (!(error instanceof AppError)) return null;
  const reason = (error.data as { reason?: unknown } | undefined)?.reason;
  if (error.code === "memory_unavailable") return `memory store unavailable: ${error.message}`;
  // The embedding model answers wrong until its operator mends it: no attempt is used up.
  if (error.code === "embedder_invalid") return `no usable embeddings: ${error.message}`;
  if (typeof reason === "string" && WAITING_REASONS.includes(reason)) {
    return `no model: ${error.message}`;
  }
  return null;
}
