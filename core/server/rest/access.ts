/**
 * The REST API's access middleware: the per-client rate limit (429) and the bearer token (401,
 * or 429 once a client has failed it too often: `security/auth_failures.ts`). CORS preflights
 * pass the token check: browsers send them without credentials. A health check passes without a
 * token too, marked `anonymous`: it gets the short answer.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { type AuthGate, presentedToken } from "../security/auth.ts";
import { type AuthFailures, checkToken } from "../security/auth_failures.ts";
import type { RateLimiter } from "../security/rate_limit.ts";
import { rateLimited } from "../security/refusals.ts";

/** The client's address (Deno.serve passes its connection info as Hono's `env`). */
export function clientAddress(c: Context): string {
  const info = c.env as { remoteAddr?: { hostname?: string } } | undefined;
  return info?.remoteAddr?.hostname ?? "unknown";
}

/** Which paths pass without the token, and which take it as `?token=` too. */
export interface TokenRules {
  /** Exact paths served to anyone (GET and HEAD): pages, their assets, API documents. */
  publicPaths: ReadonlySet<string>;
  /** Paths opened by a link (GET and HEAD), which take `?token=` as well as the header. */
  linkedPaths: readonly RegExp[];
  /** Each client's failed token checks (past its allowance: 429 before the check). */
  failures: AuthFailures;
  /**
   * Paths (GET and HEAD) that answer a request carrying no token at all in short (a load
   * balancer's health check has no secret): it passes, uncounted, marked `anonymous`. A token
   * it does carry is checked as anywhere else (so a wrong one is no free guess).
   */
  anonymousPaths?: ReadonlySet<string>;
}

/**
 * Refuses requests without the right token (401). OPTIONS preflights pass, and so do reads of
 * `rules.publicPaths`, and reads of `rules.anonymousPaths` that carry no token (marked
 * `anonymous`); `rules.linkedPaths` also take the token as `?token=`.
 */
export function requireToken(gate: AuthGate, rules: TokenRules): MiddlewareHandler {
  return async (c, next) => {
    if (!gate.enabled || c.req.method === "OPTIONS") return await next();
    const path = c.req.path;
    const reading = c.req.method === "GET" || c.req.method === "HEAD";
    if (reading && rules.publicPaths.has(path)) return await next();
    if (reading && rules.anonymousPaths?.has(path) && presentedToken(c.req.raw) === null) {
      c.set("anonymous", true);
      return await next();
    }
    const query = reading && rules.linkedPaths.some((pattern) => pattern.test(path));
    const refusal = checkToken(gate, rules.failures, c.req.raw, {
      address: clientAddress(c),
      surface: "rest",
      query,
    });
    return refusal ?? await next();
  };
}

/** Refuses a client over its request rate (429 with Retry-After). */
export function limitRate(limiter: RateLimiter): MiddlewareHandler {
  return async (c, next) => {
    if (!limiter.enabled) return await next();
    const admission = limiter.takeClient(clientAddress(c));
    if (admission.ok) return await next();
    return rateLimited("rest", admission.retryAfterMs);
  };
}
