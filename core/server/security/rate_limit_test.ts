import assert from "node:assert/strict";
import { RateLimiter, rateLimitOf, TokenBucket } from "./rate_limit.ts";

function fakeClock() {
  const clock = { ms: 0, now: () => clock.ms };
  return clock;
}

Deno.test("a bucket allows its burst at once, then its rate, and says when to retry", () => {
  const clock = fakeClock();
  const bucket = new TokenBucket({ perSecond: 10, burst: 3 }, clock.now);
  for (let i = 0; i < 3; i++) assert.deepEqual(bucket.take(), { ok: true });
  assert.deepEqual(bucket.take(), { ok: false, retryAfterMs: 100 });
  clock.ms += 50;
  assert.deepEqual(bucket.take(), { ok: false, retryAfterMs: 50 });
  clock.ms += 50;
  assert.deepEqual(bucket.take(), { ok: true }, "one token every 100 ms");
  assert.equal(bucket.take().ok, false);
  clock.ms += 10_000;
  for (let i = 0; i < 3; i++) assert.equal(bucket.take().ok, true, "refills up to the burst");
  assert.equal(bucket.take().ok, false, "and no further");
});

Deno.test("a request costing several tokens waits for all of them", () => {
  const clock = fakeClock();
  const bucket = new TokenBucket({ perSecond: 4, burst: 4 }, clock.now);
  assert.equal(bucket.take(3).ok, true);
  assert.deepEqual(bucket.take(3), { ok: false, retryAfterMs: 500 });
});

Deno.test("a zero rate never refuses", () => {
  const limiter = new RateLimiter({ perSecond: 0, burst: 1 });
  assert.equal(limiter.enabled, false);
  for (let i = 0; i < 1000; i++) assert.equal(limiter.take("a").ok, true);
  assert.equal(limiter.size, 0, "and keeps no buckets");
});

Deno.test("each client has its own bucket: one over its limit leaves the others alone", () => {
  const clock = fakeClock();
  const limiter = new RateLimiter({ perSecond: 1, burst: 2 }, clock.now);
  assert.equal(limiter.take("abuser").ok, true);
  assert.equal(limiter.take("abuser").ok, true);
  assert.equal(limiter.take("abuser").ok, false);
  assert.equal(limiter.take("neighbour").ok, true);
  assert.equal(limiter.take("neighbour").ok, true);
});

Deno.test("the limiter forgets idle clients so that its memory stays bounded", () => {
  const clock = fakeClock();
  const limiter = new RateLimiter({ perSecond: 1, burst: 1 }, clock.now);
  for (let i = 0; i < 12_000; i++) limiter.take(`10.0.${i >> 8}.${i & 255}`);
  assert.ok(limiter.size <= 10_000, `tracked ${limiter.size}`);
});

Deno.test("the default limit is off on loopback and 50/s with a burst of 100 elsewhere", () => {
  const base = { RATE_LIMIT_PER_S: undefined, RATE_LIMIT_BURST: undefined };
  assert.deepEqual(rateLimitOf({ ...base, SERVER_HOST: "127.0.0.1" }), { perSecond: 0, burst: 1 });
  assert.deepEqual(rateLimitOf({ ...base, SERVER_HOST: "0.0.0.0" }), {
    perSecond: 50,
    burst: 100,
  });
  assert.deepEqual(
    rateLimitOf({ SERVER_HOST: "127.0.0.1", RATE_LIMIT_PER_S: 5, RATE_LIMIT_BURST: undefined }),
    { perSecond: 5, burst: 10 },
  );
  assert.deepEqual(
    rateLimitOf({ SERVER_HOST: "0.0.0.0", RATE_LIMIT_PER_S: 0, RATE_LIMIT_BURST: 7 }),
    { perSecond: 0, burst: 7 },
  );
});
