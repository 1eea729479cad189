/**
 * JSON-RPC 2.0 envelope types and the checks of §4-§5 of the specification.
 *
 * @module
 */
import { isRawId } from "./json_depth.ts";
import { RpcCode, RpcError, type WireError } from "./wire_errors.ts";

/**
 * A request id: string, number or null (a notification has none at all). An integer beyond 2^53
 * is kept as its raw digits (`parseJson`), typed here as the number it stands for.
 */
export type JsonRpcId = string | number | null;

/** A checked request or notification. */
export interface JsonRpcRequest {
  jsonrpc: "2.0";
  method: string;
  params?: Record<string, unknown> | unknown[];
  /** Absent for notifications. */
  id?: JsonRpcId;
}

/** A response: exactly one of `result` and `error`. */
export type JsonRpcResponse =
  | { jsonrpc: "2.0"; id: JsonRpcId; result: unknown }
  | { jsonrpc: "2.0"; id: JsonRpcId; error: WireError };

/** A server-to-client notification. */
export interface JsonRpcNotification {
  jsonrpc: "2.0";
  method: string;
  params?: Record<string, unknown>;
}

function isValidId(value: unknown): value is JsonRpcId {
  return value === null || typeof value === "string" ||
    (typeof value === "number" && Number.isFinite(value)) || isRawId(value);
}

/**
 * True for a request id an MCP reply can echo: a string, a number, or an integer beyond 2^53
 * kept as its raw digits (see `parseJson`).
 */
export function isEchoableId(value: unknown): value is string | number {
  return typeof value === "string" || typeof value === "number" || isRawId(value);
}

/** The id to echo in an error about `value`, when it has a readable one. */
export function readableId(value: unknown): JsonRpcId {
  if (isRecord(value) && "id" in value && isValidId(value.id)) return value.id;
  return null;
}

/** True when the message is a notification (no `id` member): it must get no answer. */
export function isNotification(request: JsonRpcRequest): boolean {
  return !("id" in request);
}

/** True for a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * True for a JSON-RPC response (`result` or `error`, no `method`): a client's answer to a request
 * of ours. It is no request, so it gets no answer (replying to a response risks endless
 * ping-pong with a peer that does the same).
 */
export function isResponse(value: unknown): boolean {
  return isRecord(value) && !("method" in value) && ("result" in value || "error" in value);
}

/** Checks one decoded value against the request shape; throws -32600 when it does not fit. */
export function checkRequest(value: unknown): JsonRpcRequest {
  if (!isRecord(value)) {
    throw new RpcError(RpcCode.InvalidRequest, "Invalid Request: expected a JSON-RPC object");
  }
  if (value.jsonrpc !== "2.0") {
    throw new RpcError(RpcCode.InvalidRequest, 'Invalid Request: "jsonrpc" must be "2.0"');
  }
  const method = value.method;
  if (typeof method !== "string" || method.length === 0) {
    throw new RpcError(RpcCode.InvalidRequest, 'Invalid Request: "method" must be a string');
  }
  const request: JsonRpcRequest = { jsonrpc: "2.0", method };
  if ("id" in value) {
    const id = value.id;
    if (!isValidId(id)) {
      throw new RpcError(
        RpcCode.InvalidRequest,
        'Invalid Request: "id" must be a string, a number or null',
      );
    }
    request.id = id;
  }
  const params = value.params;
  if (params !== undefined) {
    if (!Array.isArray(params) && !isRecord(params)) {
      throw new RpcError(
        RpcCode.InvalidRequest,
        'Invalid Request: "params" must be an object or an array',
      );
    }
    request.params = params;
  }
  return request;
}

/** Builds a success response. */
export function success(id: JsonRpcId, result: unknown): JsonRpcResponse {
  return { jsonrpc: "2.0", id, result };
}

/** Builds an error response. */
export function failure(id: JsonRpcId, error: WireError): JsonRpcResponse {
  return { jsonrpc: "2.0", id, error };
}
