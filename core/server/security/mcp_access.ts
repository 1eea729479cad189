/**
 * Access to `/mcp` (Streamable HTTP and the WebSocket upgrade), checked after the Host and
 * Origin guard: first each client address's request rate (every request takes one, refused or
 * not), then the bearer token (the upgrade also takes `?token=`, browsers cannot set headers
 * there), whose failures are counted per client network, one count with REST
 * (`auth_failures.ts`). CORS preflights pass the
 * token check.
 *
 * @module
 */
import type { Config } from "../../config.ts";
import type { Logger } from "../../log.ts";
import { createAuthGate, presentedToken, tokenDigest } from "./auth.ts";
import { AuthFailures, checkToken } from "./auth_failures.ts";
import { RateLimiter, rateLimitOf } from "./rate_limit.ts";
import { rateLimited } from "./refusals.ts";

/** Decides whether one request to `/mcp` may pass. */
export interface McpAccess {
  /** The refusal (401 or 429), or null when the request may pass. */
  refusal(
    request: Request,
    info: { remoteAddr: { hostname: string } },
    options: { upgrade: boolean },
  ): Response | null;
  /**
   * Who a request that passed authenticated as: `token:` and a digest of its bearer token when
   * AUTH_TOKEN is set (never the token itself), else null (no credential: nobody in particular).
   */
  principal(request: Request): string | null;
}

/**
 * Builds the `/mcp` access check from AUTH_TOKEN and the rate-limit settings. `failures` is the
 * failed-token count it shares with REST (the server's one; by default one of its own, whose
 * rate-limited lines go to `log`).
 */
export function createMcpAccess(
  config: Pick<Config, "AUTH_TOKEN" | "SERVER_HOST" | "RATE_LIMIT_PER_S" | "RATE_LIMIT_BURST">,
  options: { log?: Pick<Logger, "warn">; failures?: AuthFailures } = {},
): McpAccess {
  const gate = createAuthGate(config);
  const limiter = new RateLimiter(rateLimitOf(config));
  const failures = options.failures ?? new AuthFailures({ log: options.log });
  return {
    refusal(request, info, { upgrade }) {
      const address = info.remoteAddr.hostname;
      let response: Response | null = null;
      const admission = limiter.takeClient(address);
      if (!admission.ok) response = rateLimited("jsonrpc", admission.retryAfterMs);
      else if (request.method !== "OPTIONS") {
        response = checkToken(gate, failures, request, {
          address,
          surface: "jsonrpc",
          query: upgrade,
        });
      }
      // The Origin guard already let this page in: let it read why it was refused.
      const origin = request.headers.get("origin");
      if (response !== null && origin !== null) {
        response.headers.set("Access-Control-Allow-Origin", origin);
        response.headers.set("Access-Control-Expose-Headers", "WWW-Authenticate, Retry-After");
        response.headers.set("Vary", "Origin");
      }
      return response;
    },
    principal(request) {
      if (!gate.enabled) return null;
      const token = presentedToken(request);
      return token === null ? null : `token:${tokenDigest(token)}`;
    },
  };
}
