/**
 * Online guessing of AUTH_TOKEN, slowed: each client may fail the token check
 * {@linkcode AUTH_FAILURE_BURST} times at once, then once per second
 * ({@linkcode AUTH_FAILURES_PER_S}). Past that, its requests that need the token get 429 and
 * Retry-After **before** the token is compared, so a right guess is no different from a wrong
 * one until the client is below the limit again. A request with the right token costs nothing.
 *
 * A client is its network ({@linkcode clientNetwork}): an IPv4 address (an IPv4-mapped IPv6
 * address as that IPv4 address), or an IPv6 address's /64, which whoever holds one address of
 * usually holds whole (one allowance per address would be 2^64 of them). One count serves both
 * ports: the server builds one `AuthFailures` for REST and `/mcp`, so guesses on one use up
 * the allowance on the other too. Everything below that says "address" means that network.
 *
 * Only new guesses count: a request without a token is no guess (401, not counted), and neither
 * is a wrong token this address has already failed with (the digests of its last
 * {@linkcode REMEMBERED_FAILED_TOKENS} are kept), which gets its 401 again without being counted.
 * So a client with a stale or missing token, polling fast, cannot use up the allowance that
 * right-token clients behind the same address (all local programs share 127.0.0.1) need.
 *
 * Each address's refusals are logged at warn, at most one line a minute per address (with how
 * many were refused since the last line), never with the token.
 *
 * @module
 */
import { clientNetwork } from "../../cluster/client_address.ts";
import type { Logger } from "../../log.ts";
import { type AuthGate, presentedToken, tokenDigest } from "./auth.ts";
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
/** Wrong tokens remembered per address (their digests), newest last. */
export const REMEMBERED_FAILED_TOKENS = 8;
/** Most addresses whose failed tokens are remembered. */
const MAX_REMEMBERED_ADDRESSES = 10_000;

/**
 * Why a request failed the token check: no token, a new wrong one (counted), or a wrong one
 * this address already failed with (not counted).
 */
export type AuthFailure = "missing" | "wrong" | "repeated";

/**
 * Per-client count of failed token checks, and the log lines about them: one for the whole
 * server (REST and `/mcp` share it). Every method takes the client's address as its peer (or a
 * trusted proxy) gives it, and counts it by its network.
 */
export class AuthFailures {
  readonly #limiter: RateLimiter;
  readonly #log: Pick<Logger, "warn"> | undefined;
  readonly #now: () => number;
  readonly #logged = new Map<string, { at: number; unlogged: number }>();
  readonly #failedTokens = new Map<string, string[]>();

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
   * Whether `peer` may have its token checked now: not when it has used up its failures
   * (the refusal is logged). Takes nothing.
   */
  admit(peer: string, surface: Surface): Admission {
    const address = clientNetwork(peer);
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

  /** True when `peer`'s network has already failed with `token` (so it is no new guess). */
  repeated(peer: string, token: string): boolean {
    const digests = this.#failedTokens.get(clientNetwork(peer));
    return digests !== undefined && digests.includes(tokenDigest(token));
  }

  /**
   * Records one failed token check of `peer` (logged at most once a minute). Only a `"wrong"`
   * one is counted; its `token`, when given, is remembered so that repeating it is not.
   */
  failed(peer: string, surface: Surface, reason: AuthFailure, token?: string): void {
    const address = clientNetwork(peer);
    if (reason === "wrong") {
      this.#limiter.take(address);
      if (token !== undefined) this.#remember(address, tokenDigest(token));
    }
    this.#report(address, {
      message: "Refused a request without the right token (401)",
      surface,
      reason: `${reason} token`,
    });
  }

  #remember(address: string, digest: string): void {
    let digests = this.#failedTokens.get(address);
    if (digests === undefined) {
      if (this.#failedTokens.size >= MAX_REMEMBERED_ADDRESSES) {
        this.#failedTokens.delete(this.#failedTokens.keys().next().value!);
      }
      digests = [];
      this.#failedTokens.set(address, digests);
    }
    digests.push(digest);
    if (digests.length > REMEMBERED_FAILED_TOKENS) digests.shift();
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
  /** The client's address (its network is the key of its failure count). */
  address: string;
  /** The error shape of the refusal. */
  surface: Surface;
  /** True when `?token=` counts too (WebSocket upgrades, linked documents). */
  query?: boolean;
}

/**
 * The token check with failures counted: null when `request` may pass (no token configured, or
 * the right one); 401 without counting when it carries no token or a wrong one its address
 * already failed with; 429 when its address has made too many new guesses (the token is not
 * compared); else the token is compared, and a wrong one is a counted 401.
 */
export function checkToken(
  gate: AuthGate,
  failures: AuthFailures,
  request: Request,
  check: TokenCheck,
): Response | null {
  if (!gate.enabled) return null;
  const { address, surface, query } = check;
  const token = presentedToken(request, { query });
  if (token === null) {
    failures.failed(address, surface, "missing");
    return unauthorized(surface, gate.refusal(request, { query }) ?? "missing token");
  }
  if (failures.repeated(address, token)) {
    failures.failed(address, surface, "repeated");
    return unauthorized(surface, "the token is wrong");
  }
  const admission = failures.admit(address, surface);
  if (!admission.ok) return rateLimited(surface, admission.retryAfterMs);
  const reason = gate.refusal(request, { query });
  if (reason === null) return null;
  failures.failed(address, surface, "wrong", token);
  return unauthorized(surface, reason);
}
