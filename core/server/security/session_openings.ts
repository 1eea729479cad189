/**
 * How many sessions each client (by address) may open a minute, REST `POST /api/sessions` and
 * MCP `initialize` together (`MAX_SESSIONS_PER_CLIENT_PER_MIN`): without it one client could take
 * every one of MAX_SESSIONS' places in seconds, and the others could open none until they had
 * been idle for the eviction grace. A token bucket: the whole minute's allowance at once, then
 * one more each 60/n seconds. On loopback every local client shares one address (and a load
 * balancer's clients share its address): unset, the cap is off on a loopback server, as the
 * request rate limit is.
 *
 * @module
 */
import type { Config } from "../../config.ts";
import { failure } from "../rpc/envelope.ts";
import { RpcCode, type WireError } from "../rpc/wire_errors.ts";
import { isLoopbackHost } from "./auth.ts";
import { type Admission, RateLimiter } from "./rate_limit.ts";
import { retryAfterSeconds, type Surface } from "./refusals.ts";

/** Sessions a client may open a minute on a server beyond loopback when the setting is unset. */
export const DEFAULT_REMOTE_SESSIONS_PER_MIN = 60;

/** The allowance the settings describe: unset means off on loopback, 60 a minute elsewhere. */
export function sessionsPerMinuteOf(
  config: Pick<Config, "MAX_SESSIONS_PER_CLIENT_PER_MIN" | "SERVER_HOST">,
): number {
  return config.MAX_SESSIONS_PER_CLIENT_PER_MIN ??
    (isLoopbackHost(config.SERVER_HOST) ? 0 : DEFAULT_REMOTE_SESSIONS_PER_MIN);
}

/** Decides whether a client may open one more session now. */
export class SessionOpenings {
  readonly #limiter: RateLimiter;
  /** Sessions one client may open a minute; 0: no limit. */
  readonly perMinute: number;

  /** From MAX_SESSIONS_PER_CLIENT_PER_MIN and SERVER_HOST, reading time (ms) from `now`. */
  constructor(
    config: Pick<Config, "MAX_SESSIONS_PER_CLIENT_PER_MIN" | "SERVER_HOST">,
    now: () => number,
  ) {
    this.perMinute = sessionsPerMinuteOf(config);
    this.#limiter = new RateLimiter({ perSecond: this.perMinute / 60, burst: this.perMinute }, now);
  }

  /** Takes one opening from the allowance of `client` (its network: an IPv6 client is its /64). */
  take(client: string): Admission {
    return this.#limiter.takeClient(client);
  }

  /** The refusal of a client over its allowance: 429, -32006, Retry-After. */
  refusal(surface: Surface, retryAfterMs: number): Response {
    const seconds = retryAfterSeconds(retryAfterMs);
    const error: WireError = {
      code: RpcCode.RateLimited,
      message: `Too many sessions opened from this address (${this.perMinute} a minute, ` +
        `MAX_SESSIONS_PER_CLIENT_PER_MIN); retry in ${seconds} s`,
      data: { reason: "session_rate", limit: this.perMinute, retry_after_ms: retryAfterMs },
    };
    const headers = { "Retry-After": String(seconds) };
    const body = surface === "rest" ? { error } : failure(null, error);
    return Response.json(body, { status: 429, headers });
  }
}
