/**
 * The REST API's access middleware: the bearer token (401) and the per-client rate limit (429).
 * CORS preflights pass the token check: browsers send them without credentials.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AuthGate } from "../security/auth.ts";
import type { RateLimiter } from "../security/rate_limit.ts";
import { rateLimited, unauthorized } from "../security/refusals.ts";

/** The client's address (Deno.serve passes its connection info as Hono's `env`). */
export function clientAddress(c: Context): string {
  const info = c.env as { remoteAddr?: { hostname?: string } } | undefined;
  return info?.remoteAddr?.hostname ?? "unknown";
}

/** Refuses requests without the right token (401); OPTIONS preflights pass. */
export function requireToken(gate: AuthGate): MiddlewareHandler {
  return async (c, next) => {
    if (!gate.enabled || c.req.method === "OPTIONS") return await next();
    const refusal = gate.refusal(c.req.raw);
    if (refusal === null) return await next();
    return unauthorized("rest", refusal);
  };
}

/** Refuses a client over its request rate (429 with Retry-After). */
export function limitRate(limiter: RateLimiter): MiddlewareHandler {
  return async (c, next) => {
    if (!limiter.enabled) return await next();
    const admission = limiter.take(clientAddress(c));
    if (admission.ok) return await next();
    return rateLimited("rest", admission.retryAfterMs);
  };
}
