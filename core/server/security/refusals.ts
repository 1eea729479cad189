/**
 * The answers of the security layer, in each surface's error shape: JSON-RPC envelopes on `/mcp`
 * (HTTP and WebSocket upgrade), `{error}` bodies on the REST API.
 *
 * @module
 */
import { failure } from "../rpc/envelope.ts";
import { RpcCode, type WireError } from "../rpc/wire_errors.ts";
import { BEARER_CHALLENGE } from "./auth.ts";

/** Which error shape a surface speaks. */
export type Surface = "jsonrpc" | "rest";

function respond(
  surface: Surface,
  status: number,
  error: WireError,
  headers: Record<string, string> = {},
): Response {
  const body = surface === "jsonrpc" ? failure(null, error) : { error };
  return Response.json(body, { status, headers });
}

/** 401 with a Bearer challenge. */
export function unauthorized(surface: Surface, reason: string): Response {
  return respond(
    surface,
    401,
    { code: RpcCode.InvalidRequest, message: `Unauthorized: ${reason}` },
    { "WWW-Authenticate": BEARER_CHALLENGE },
  );
}

/** Whole seconds a client should wait, at least one. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** 429: the client is over its rate limit. */
export function rateLimited(surface: Surface, retryAfterMs: number): Response {
  return respond(surface, 429, rateLimitError(retryAfterMs), {
    "Retry-After": String(retryAfterSeconds(retryAfterMs)),
  });
}

/** The JSON-RPC error of a request over the rate limit. */
export function rateLimitError(retryAfterMs: number): WireError {
  return {
    code: RpcCode.RateLimited,
    message: `Rate limit exceeded: retry in ${retryAfterSeconds(retryAfterMs)} s`,
    data: { reason: "rate_limit", retry_after_ms: retryAfterMs },
  };
}

/**
 * A batch costing more tokens than the bucket ever holds: waiting would not help (a retry hint
 * would invite the same refusal forever), so the error says how many requests fit at once.
 */
export function burstExceededError(cost: number, burst: number): WireError {
  return {
    code: RpcCode.RateLimited,
    message: `A batch of ${cost} requests exceeds the rate limit's burst of ${burst} ` +
      "(RATE_LIMIT_BURST): send at most that many at once",
    data: { reason: "burst", burst },
  };
}

/** 503: the server is at a capacity limit (sessions or connections). */
export function atCapacity(surface: Surface, what: string, retryAfterS: number): Response {
  return respond(
    surface,
    503,
    {
      code: RpcCode.ServerBusy,
      message: `Server busy: ${what}; retry later`,
      data: { reason: "capacity", retry_after_ms: retryAfterS * 1000 },
    },
    { "Retry-After": String(retryAfterS) },
  );
}
