/**
 * Pins the edges of the token buckets (rate_limit.ts): rounding of the default burst and of the
 * retry delay, when a bucket counts as full, the zero rate, and which clients the limiter
 * forgets first. Each assertion fails when its comparison or rounding changes.
 */
import assert from "node:assert/strict";
import { RateLimiter, rateLimitOf, TokenBucket } from "./rate_limit.ts";

const MAX_TRACKED_CLIENTS = 10_000;

function fakeClock() {
  const clock = { ms: 0, now: () => clock.ms };
  return clock;
}

Deno.test("the default burst is twice the rate rounded up, at least 1", () => {
  const limit = (perSecond: number) =>
    rateLimitOf({
      SERVER_HOST: "0.0.0.0",
      RATE_LIMIT_PER_S: perSecond,
      RATE_LIMIT_BURST: undefined,
    });
  assert.equal(limit(1.25).burst, 3);
  assert.equal(limit(0.2).burst, 1);
});

Deno.test("the retry delay is rounded up and counts only the tokens a burst can hold", () => {
  const clock = fakeClock();
  const bucket = new TokenBucket({ perSecond: 3, burst: 3 }, clock.now);
  for (let i = 0; i < 3; i++) bucket.take();
  assert.deepEqual(bucket.take(), { ok: false, retryAfterMs: 334 }, "1/3 s, rounded up");
  const big = new TokenBucket({ perSecond: 4, burst: 4 }, clock.now);
  big.take(3);
  assert.deepEqual(big.take(6), { ok: false, retryAfterMs: 750 }, "3 missing of a burst of 4");
});

Deno.test("a bucket is full again exactly when refilled to its burst", () => {
  const clock = fakeClock();
  const bucket = new TokenBucket({ perSecond: 10, burst: 2 }, clock.now);
  assert.equal(bucket.full, true, "new buckets are full");
  bucket.take();
  assert.equal(bucket.full, false);
  clock.ms += 100;
  assert.equal(bucket.full, true, "one token back after 100 ms");
});

Deno.test("a bucket with a zero rate admits everything", () => {
  const bucket = new TokenBucket({ perSecond: 0, burst: 1 }, fakeClock().now);
  for (let i = 0; i < 10; i++) assert.deepEqual(bucket.take(), { ok: true });
});

Deno.test("the limiter never tracks more than its cap of clients", () => {
  const limiter = new RateLimiter({ perSecond: 1, burst: 1 }, fakeClock().now);
  for (let i = 0; i <= MAX_TRACKED_CLIENTS; i++) limiter.take(`c${i}`);
  assert.equal(limiter.size, MAX_TRACKED_CLIENTS);
});

Deno.test("at the cap, idle clients are forgotten first; a client mid-burst is kept", () => {
  const clock = fakeClock();
  const limiter = new RateLimiter({ perSecond: 1, burst: 2 }, clock.now);
  for (let i = 0; i < MAX_TRACKED_CLIENTS - 1; i++) limiter.take(`idle${i}`);
  clock.ms += 10_000; // every bucket refills: idle
  limiter.take("busy");
  limiter.take("busy");
  limiter.take("newcomer");
  assert.equal(limiter.size, 2, "every full bucket went");
  assert.equal(limiter.take("busy").ok, false, "busy still has its empty bucket");
});

Deno.test("when nobody is idle, the least recently seen client goes, not the first one seen", () => {
  const limiter = new RateLimiter({ perSecond: 1, burst: 2 }, fakeClock().now);
  limiter.take("first");
  for (let i = 0; i < MAX_TRACKED_CLIENTS - 1; i++) limiter.take(`other${i}`);
  limiter.take("first"); // seen again: now the most recent, and empty
  limiter.take("newcomer");
  assert.equal(limiter.size, MAX_TRACKED_CLIENTS);
  assert.equal(limiter.take("first").ok, false, "first kept its empty bucket");
});
