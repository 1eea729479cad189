/**
 * What a connection admits: the sizes and counts its limits are checked against, and the
 * refusal of every request of a message at once.
 *
 * @module
 */
import { batchTooLarge } from "../rpc/batch.ts";
import type { DispatchReply } from "../rpc/dispatcher_options.ts";
import {
  failure,
  isEchoableId,
  type JsonRpcId,
  type JsonRpcResponse,
  readableId,
} from "../rpc/envelope.ts";
import { RpcCode, shuttingDown, toWireError, type WireError } from "../rpc/wire_errors.ts";
import type { TokenBucket } from "../security/rate_limit.ts";
import { burstExceededError, rateLimitError } from "../security/refusals.ts";
import type { ConnectionOptions } from "./connection_options.ts";

/** The method that cancels requests: never refused, it is how a client gets under its limits. */
export const CANCEL_METHOD = "notifications/cancelled";

const encoder = new TextEncoder();

/** UTF-8 length of `text`, exact only when it matters for `limit` (1-3 bytes per UTF-16 unit). */
export function utf8Length(text: string, limit: number): number {
  if (text.length > limit) return text.length;
  if (text.length * 3 <= limit) return text.length;
  return encoder.encode(text).length;
}

/** How many requests a message holds (a batch counts its items). */
export function requestCount(value: unknown): number {
  return Array.isArray(value) ? Math.max(1, value.length) : 1;
}

/** The ids of the requests `value` holds (a batch's items; notifications have none). */
export function requestIds(value: unknown): unknown[] {
  const ids: unknown[] = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    if (item === null || typeof item !== "object" || Array.isArray(item)) continue;
    const { id, method } = item as Record<string, unknown>;
    if (typeof method === "string" && isEchoableId(id)) ids.push(id);
  }
  return ids;
}

/** True when `value` is a `notifications/cancelled` notification (which is never refused). */
export function isCancelNotification(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) &&
    (value as Record<string, unknown>).method === CANCEL_METHOD &&
    !("id" in (value as Record<string, unknown>));
}

/** The same error for every request of `value` (notifications get none, as JSON-RPC wants). */
export function refuseAll(value: unknown, error: WireError): DispatchReply {
  const items = Array.isArray(value) ? value : [value];
  const replies: JsonRpcResponse[] = items
    .filter((item) => item !== null && typeof item === "object" && "id" in item)
    .map((item) => failure(readableId(item), error));
  if (replies.length === 0) return undefined;
  return Array.isArray(value) ? replies : replies[0];
}

/** The -32006 error of a message over MAX_INFLIGHT_PER_CONNECTION (`running` requests running now). */
export function tooManyInflight(running: number, limit: number): WireError {
  return {
    code: RpcCode.RateLimited,
    message: `Too many requests in flight: ${running} running, at most ${limit} ` +
      "(MAX_INFLIGHT_PER_CONNECTION); wait for replies",
    data: { reason: "inflight", max_inflight: limit },
  };
}

/** The -32600 of a request whose id another request of the session still uses. */
export function idInUse(id: JsonRpcId): JsonRpcResponse {
  return failure(id, {
    code: RpcCode.InvalidRequest,
    message: `Invalid Request: id ${
      JSON.stringify(id)
    } is in use by a request of this session still running (one id per request in flight)`,
  });
}

/**
 * `value` without its requests whose id is `inflight` already (or, in a batch, taken by an
 * earlier item): a cancel names one request, so MCP wants one id per request in flight.
 * `admitted` is what may run (undefined: nothing, then `reply` is the answer), `refused` the
 * -32600 of each one left out.
 */
export function withoutIdsInUse(
  value: unknown,
  inflight: ReadonlySet<unknown>,
): { admitted: unknown; refused: JsonRpcResponse[]; reply: DispatchReply } {
  const refused: JsonRpcResponse[] = [];
  const taken = new Set(inflight);
  const keep = (item: unknown) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) return true;
    const { id, method } = item as Record<string, unknown>;
    // An id beyond 2^53 is one value per number (`rawId`), so it is found like any other.
    if (typeof method !== "string" || !isEchoableId(id)) return true;
    if (taken.has(id)) {
      refused.push(idInUse(id));
      return false;
    }
    taken.add(id);
    return true;
  };
  const admitted = Array.isArray(value) ? value.filter(keep) : keep(value) ? value : undefined;
  const none = refused.length > 0 &&
    (admitted === undefined || (Array.isArray(admitted) && admitted.length === 0));
  const reply = Array.isArray(value) ? refused : refused[0];
  return { admitted: none ? undefined : admitted, refused, reply };
}

/** A batch's reply text with the -32600 of its items refused for an id in use added to it. */
export function withRefusals(
  reply: string | undefined | Promise<string | undefined>,
  refused: JsonRpcResponse[],
): string | Promise<string> {
  const merge = (text: string | undefined) => {
    const answered: unknown = text === undefined ? [] : JSON.parse(text);
    return JSON.stringify([...(Array.isArray(answered) ? answered : [answered]), ...refused]);
  };
  return reply instanceof Promise ? reply.then(merge) : merge(reply);
}

/** What {@linkcode admissionRefusal} checks a message against: one connection's state. */
export interface AdmissionState {
  /** The server is shutting down. */
  stopping: boolean;
  /** Requests received and not answered yet (a batch counts its items). */
  running: number;
  options: ConnectionOptions;
  /** The request rate's bucket; none when the rate is unlimited. */
  bucket: TokenBucket | undefined;
}

/**
 * Why `value` may not run now on a connection in `state`: undefined when it is refused without
 * an answer (a notification), a reply when it is refused with one, null when it may run.
 */
export function admissionRefusal(value: unknown, state: AdmissionState): DispatchReply | null {
  if (isCancelNotification(value)) return null;
  if (state.stopping) return refuseAll(value, toWireError(shuttingDown()).error);
  const cost = requestCount(value);
  const { maxBatch, maxInflight } = state.options;
  // One small error for the whole batch, not one per item.
  if (cost > maxBatch) return batchTooLarge(cost, maxBatch);
  if (state.running + cost > maxInflight) {
    return refuseAll(value, tooManyInflight(state.running, maxInflight));
  }
  const bucket = state.bucket;
  if (bucket === undefined) return null;
  if (cost > bucket.burst) return refuseAll(value, burstExceededError(cost, bucket.burst));
  const admission = bucket.take(cost);
  if (!admission.ok) return refuseAll(value, rateLimitError(admission.retryAfterMs));
  return null;
}
