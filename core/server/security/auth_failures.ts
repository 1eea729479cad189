/**
 * Online guessing of AUTH_TOKEN, slowed: each client address may fail the token check
 * {@linkcode AUTH_FAILURE_BURST} times at once, then once per second
 * ({@linkcode AUTH_FAILURES_PER_S}). Past that, its requests that need the token get 429 and
 * Retry-After **before** the token is compared, so a right guess is no different from a wrong
 * one until the address is below the limit again. A request with the right token costs nothing.
 *
 * Each address's refusals are logged at warn, at most one line a minute per address (with how
 * many were refused since the last line), never with the token.
 *
 * @module
 */
import type { Logger } from "../../log.ts";
import { type AuthGate, presentedToken } from "./auth.ts";
import { type Admission, RateLimiter } from "./rate_limit.ts";
import { rateLimited, type Surface, unauthorized } from "./refusals.ts";

/** Failed token checks one address may make at once. */
export const AUTH_FAILURE_BURST = 20;
/** Failed token checks one address may make per second, once past the burst. */
export const AUTH_FAILURES_PER_S = 1;
/** Least time between two log lines about one address. */
const LOG_EVERY_MS = 60_000;
/** Most addresses whose last log line is remembered. */
const MAX_LOGGED_ADDRESSES = 10_000;

/** Why a request failed the token check. */
export type AuthFailure = "missing" | "wrong";

/** Per-address count of failed token checks, and the log lines about them. */
export class AuthFailures {
  readonly #limiter: RateLimiter;
  readonly #log: Pick<Logger, "warn"> | undefined;
  readonly #now: () => number;
  readonly #logged = new Map<string, { at: number; unlogged: number }>();

  /** `log` gets the warn lines; `now` (ms) is for tests. */
  constructor(options: { log?: Pick<Logger, "warn">; now?: () => number } = {}) {
    this.#now = options.now ?? (() => performance.now());
    this.#limiter = new RateLimiter(
      { perSecond: AUTH_FAILURES_PER_S, burst: AUTH_FAILURE_BURST },
      this.#now,
    );
    this.#log = options.log;
  }

  /**
   * Whether `address` may have its token checked now: not when it has used up its failures
   * (the refusal is logged). Takes nothing.
   */
  admit(address: string, surface: Surface): Admission {
    const admission = this.#limiter.peek(address);
    if (!admission.ok) {
      this.#report(address, {
        message: "Too many requests without the right token: refused (429) before checking",
        surface,
        retry_after_ms: admission.retryAfterMs,
      });
    }
    return admission;
  }

  /** Counts one failed token check of `address` (and logs it, at most once a minute). */
  failed(address: string, surface: Surface, reason: AuthFailure): void {
    this.#limiter.take(address);
    this.#report(address, {
      message: "Refused a request without the right token (401)",
      surface,
      reason: `${reason} token`,
    });
  }

  #report(address: string, line: { message: string } & Record<string, unknown>): void {
    const now = this.#now();
    const last = this.#logged.get(address);
    if (last !== undefined && now - last.at < LOG_EVERY_MS) {
      last.unlogged++;
      return;
    }
    if (last === undefined && this.#logged.size >= MAX_LOGGED_ADDRESSES) {
      this.#logged.delete(this.#logged.keys().next().value!);
    }
    this.#logged.delete(address);
    this.#logged.set(address, { at: now, unlogged: 0 });
    const { message, surface, ...fields } = line;
    this.#log?.warn(message, {
      client: address,
      api: surface === "rest" ? "REST" : "/mcp",
      ...fields,
      refused_since_last_line: last?.unlogged ?? 0,
    });
  }
}

/** Where a request came from and how it may carry the token. */
export interface TokenCheck {
  /** The client's address (the key of its failure count). */
  address: string;
  /** The error shape of the refusal. */
  surface: Surface;
  /** True when `?token=` counts too (WebSocket upgrades, linked documents). */
  query?: boolean;
}

/**
 * The token check with failures counted: null when `request` may pass (no token configured, or
 * the right one), 429 when its address has failed too often (the token is not compared), else
 * 401.
 */
export function checkToken(
  gate: AuthGate,
  failures: AuthFailures,
  request: Request,
  check: TokenCheck,
): Response | null {
  if (!gate.enabled) return null;
  const admission = failures.admit(check.address, check.surface);
  if (!admission.ok) return rateLimited(check.surface, admission.retryAfterMs);
  const reason = gate.refusal(request, { query: check.query });
  if (reason === null) return null;
  const missing = presentedToken(request, { query: check.query }) === null;
  failures.failed(check.address, check.surface, missing ? "missing" : "wrong");
  return unauthorized(check.surface, reason);
}
