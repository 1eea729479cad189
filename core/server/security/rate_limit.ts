/**
 * Token-bucket rate limiting: each connection, and each HTTP client by address, gets a bucket
 * that refills at `perSecond` and holds at most `burst`. A request takes one token; an empty
 * bucket refuses it and says how long until the next token. One client's bucket never touches
 * another's.
 *
 * @module
 */
import { clientNetwork } from "../../cluster/client_address.ts";
import type { Config } from "../../config.ts";
import { isLoopbackHost } from "./auth.ts";

/** Requests per second allowed beyond loopback when RATE_LIMIT_PER_S is unset. */
export const DEFAULT_REMOTE_RATE_PER_S = 50;

/** A bucket's rate and size; `perSecond` 0 means unlimited. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** The limit the settings describe: unset means off on loopback, 50/s elsewhere. */
export function rateLimitOf(
  config: Pick<Config, "SERVER_HOST" | "RATE_LIMIT_PER_S" | "RATE_LIMIT_BURST">,
): RateLimit {
  const perSecond = config.RATE_LIMIT_PER_S ??
    (isLoopbackHost(config.SERVER_HOST) ? 0 : DEFAULT_REMOTE_RATE_PER_S);
  const burst = config.RATE_LIMIT_BURST ?? Math.max(1, Math.ceil(perSecond * 2));
  return { perSecond, burst };
}

/**
 * The default clock of a {@linkcode TokenBucket}: one function for every bucket (a bound
 * `performance.now` per bucket cost ~100 bytes of each of 10,000 idle sockets).
 */
const monotonicNow = () => performance.now();

/** Whether a request may run now, and if not, how long until it could. */
export type Admission = { ok: true } | { ok: false; retryAfterMs: number };

const ADMITTED: Admission = { ok: true };

/** One client's bucket. */
export class TokenBucket {
  readonly #limit: RateLimit;
  readonly #now: () => number;
  #tokens: number;
  #updatedAt: number;

  /** A full bucket for `limit`, reading time (ms) from `now`. */
  constructor(limit: RateLimit, now: () => number = monotonicNow) {
    this.#limit = limit;
    this.#now = now;
    this.#tokens = limit.burst;
    this.#updatedAt = now();
  }

  /** Most tokens the bucket holds: a request costing more can never be admitted. */
  get burst(): number {
    return this.#limit.burst;
  }

  /** True when the bucket has refilled completely (it can be forgotten). */
  get full(): boolean {
    this.#refill();
    return this.#tokens >= this.#limit.burst;
  }

  /** Whether `cost` tokens could be taken now, taking none. */
  peek(cost = 1): Admission {
    if (this.#limit.perSecond <= 0) return ADMITTED;
    this.#refill();
    return this.#tokens >= cost ? ADMITTED : this.#refusal(cost);
  }

  /** Takes `cost` tokens when there are that many. */
  take(cost = 1): Admission {
    if (this.#limit.perSecond <= 0) return ADMITTED;
    this.#refill();
    if (this.#tokens >= cost) {
      this.#tokens -= cost;
      return ADMITTED;
    }
    return this.#refusal(cost);
  }

  #refusal(cost: number): Admission {
    const missing = Math.min(cost, this.#limit.burst) - this.#tokens;
    return { ok: false, retryAfterMs: Math.ceil((missing / this.#limit.perSecond) * 1000) };
  }

  #refill(): void {
    const now = this.#now();
    // A clock stepped back (a wall clock under NTP) earns nothing, nor takes anything back.
    const earned = (Math.max(0, now - this.#updatedAt) / 1000) * this.#limit.perSecond;
    this.#tokens = Math.min(this.#limit.burst, this.#tokens + earned);
    this.#updatedAt = now;
  }
}

/** Most client buckets kept; past it, full (idle) buckets are dropped, then the oldest. */
const MAX_TRACKED_CLIENTS = 10_000;

/** Buckets by client key (an address), created on first use and forgotten when idle. */
export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #now: () => number;
  readonly #buckets = new Map<string, TokenBucket>();

  /** A limiter giving every key `limit`. */
  constructor(limit: RateLimit, now?: () => number) {
    this.#limit = limit;
    this.#now = now ?? performance.now.bind(performance);
  }

  /** True when the limit is on. */
  get enabled(): boolean {
    return this.#limit.perSecond > 0;
  }

  /** Number of clients tracked (bounded by the limiter itself). */
  get size(): number {
    return this.#buckets.size;
  }

  /**
   * Takes one token from the bucket of the client at `address`: its network
   * ({@linkcode clientNetwork}: an IPv6 client is its /64, which it usually holds whole and could
   * otherwise take 2^64 fresh allowances from).
   */
  takeClient(address: string): Admission {
    if (!this.enabled) return ADMITTED;
    return this.take(clientNetwork(address));
  }

  /** Takes `cost` tokens from `key`'s bucket. */
  take(key: string, cost = 1): Admission {
    if (!this.enabled) return ADMITTED;
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      if (this.#buckets.size >= MAX_TRACKED_CLIENTS) this.#prune();
      bucket = new TokenBucket(this.#limit, this.#now);
      this.#buckets.set(key, bucket);
    } else {
      // Most recently used last: the oldest entries are first to go.
      this.#buckets.delete(key);
      this.#buckets.set(key, bucket);
    }
    return bucket.take(cost);
  }

  /** Whether `key` could take `cost` tokens now, taking none (an unknown key's bucket is full). */
  peek(key: string, cost = 1): Admission {
    return this.#buckets.get(key)?.peek(cost) ?? ADMITTED;
  }

  /** A bucket of this limit for one connection. */
  bucket(): TokenBucket {
    return new TokenBucket(this.#limit, this.#now);
  }

  #prune(): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.full) this.#buckets.delete(key);
    }
    // Every client is mid-burst: forget the least recently seen (it starts again full).
    while (this.#buckets.size >= MAX_TRACKED_CLIENTS) {
      this.#buckets.delete(this.#buckets.keys().next().value!);
    }
  }
}
