/**
 * The parts MCP Streamable HTTP answers are made of: its headers, what kind of message a body
 * holds, CORS for browser callers, errors with a JSON-RPC body, and a finished answer as JSON or
 * a one-event SSE stream. `mcp_http_reply.ts` answers requests with them.
 *
 * @module
 */
import { ModernCode } from "../mcp/mod.ts";
import { failure, isResponse, type JsonRpcId } from "../rpc/envelope.ts";
import { RpcCode } from "../rpc/wire_errors.ts";
import { acceptedTypes } from "./http_body.ts";
import { openSseStream } from "./sse.ts";

/** Header carrying the MCP session id. */
export const SESSION_ID_HEADER = "Mcp-Session-Id";
/** Header carrying the negotiated protocol revision on every request after `initialize`. */
export const PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";

/** One JSON-RPC message as parsed. */
export type Message = Record<string, unknown>;

/** Whether `value` is a JSON object (not an array). */
export function isObject(value: unknown): value is Message {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Whether `value` is a JSON-RPC request (a method and an id). */
export function isRequest(value: unknown): boolean {
  return isObject(value) && typeof value.method === "string" && "id" in value;
}

/** A JSON-RPC response sent by the client: this server never asks, so it is dropped. */
export function isClientResponse(value: unknown): boolean {
  return isResponse(value);
}

/**
 * The response headers a browser caller may read: the session id, a 401's challenge, a 429's or
 * 503's wait.
 */
export const EXPOSED_HEADERS = `${SESSION_ID_HEADER}, WWW-Authenticate, Retry-After`;

/** CORS headers for a browser caller (the caller has checked its Origin); none without one. */
export function corsHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get("origin");
  if (origin === null) return {};
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": EXPOSED_HEADERS,
    "Vary": "Origin",
  };
}

/** JSON-RPC codes the modern era answers with a status other than 200. */
export const MODERN_STATUS: Record<number, number> = {
  [RpcCode.MethodNotFound]: 404,
  [ModernCode.HeaderMismatch]: 400,
  [ModernCode.MissingRequiredClientCapability]: 400,
  [ModernCode.UnsupportedProtocolVersion]: 400,
};

/** An HTTP error with a JSON-RPC error body (no id: it is not about one message). */
export function httpError(
  request: Request,
  status: number,
  message: string,
  options: {
    code?: number;
    headers?: Record<string, string>;
    id?: JsonRpcId | null;
    data?: unknown;
  } = {},
): Response {
  const body = failure(options.id ?? null, {
    code: options.code ?? RpcCode.InvalidRequest,
    message,
    ...(options.data !== undefined ? { data: options.data } : {}),
  });
  return Response.json(body, { status, headers: { ...corsHeaders(request), ...options.headers } });
}

/**
 * A finished answer (`reply`, with `headers` beside the CORS ones): JSON, or a one-event SSE
 * stream for a client whose `Accept` allows SSE alone.
 */
export function replyResponse(
  request: Request,
  reply: unknown,
  headers: Record<string, string> = {},
): Response {
  if (acceptedTypes(request).json) {
    return Response.json(reply, { headers: { ...corsHeaders(request), ...headers } });
  }
  // One event, bounded already by MAX_REPLY_BYTES.
  const stream = openSseStream({
    headers: { ...corsHeaders(request), ...headers },
    onCancel: () => {},
    maxQueuedBytes: Number.POSITIVE_INFINITY,
  });
  stream.send(reply);
  stream.close();
  return stream.response;
}
