/**
 * Pins the retry rules of failed jobs (outcome.ts, backoff.ts): the last attempt fails, earlier
 * ones retry after base · 2^(attempts−1) capped at five minutes, waiting jobs never use up
 * attempts, and the documented caps keep their values.
 */
import assert from "node:assert/strict";
import { createLogger } from "../log.ts";
import { doubling, PAUSE_BASE_MS, PAUSE_CAP_MS, RETRY_CAP_MS } from "./backoff.ts";
import { LlmUnavailable } from "../errors.ts";
import { JobSkipped } from "./handler.ts";
import { cappedError, MAX_ERROR_CHARS, outcomeOf } from "./outcome.ts";
import type { Job } from "./schema.ts";
import { runningJob } from "./testing/fixture.ts";

const quiet = createLogger("error", { write: () => {} });
const rules = { retryBaseMs: 1_000, log: quiet };

function job(attempts: number, maxAttempts = 3): Job {
  return runningJob({ attempts, max_attempts: maxAttempts });
}

function outcome(attempts: number, options: { wait?: boolean; max?: number } = {}) {
  return outcomeOf(
    {
      job: job(attempts, options.max),
      error: new Error("boom"),
      signal: new AbortController().signal,
    },
    { ...rules, waitReason: () => (options.wait ? "model_unreachable" : null) },
  );
}

Deno.test("the documented caps: five minutes per retry, a one-minute pause from one second", () => {
  assert.equal(RETRY_CAP_MS, 300_000);
  assert.equal(PAUSE_CAP_MS, 60_000);
  assert.equal(PAUSE_BASE_MS, 1_000);
});

Deno.test("doubling starts at the base for n ≤ 1 and stops growing at the cap", () => {
  const options = { baseMs: 1_000, capMs: 60_000 };
  assert.equal(doubling(0, options), 1_000, "n below 1 counts as the first");
  assert.equal(doubling(1, options), 1_000);
  assert.equal(doubling(6, options), 32_000);
  assert.equal(doubling(7, options), 60_000);
  assert.equal(doubling(10_000, { baseMs: 1, capMs: Number.MAX_SAFE_INTEGER }), 2 ** 30);
});

Deno.test("a failed run retries while attempts are left, after a doubling delay", () => {
  assert.deepEqual(outcome(1), {
    kind: "retry",
    error: { reason: "internal_error", message: "Internal error (the server log has the details)" },
    delayMs: 1_000,
  });
  assert.equal((outcome(2) as { delayMs: number }).delayMs, 2_000);
  assert.equal(outcome(3).kind, "failed", "the last attempt fails the job");
  assert.equal(outcome(2, { max: 2 }).kind, "failed");
  assert.equal(outcome(20, { max: 50 }).kind, "retry");
  assert.equal((outcome(20, { max: 50 }) as { delayMs: number }).delayMs, RETRY_CAP_MS);
});

Deno.test("a run that waits for the model uses no attempt, even the last one", () => {
  assert.equal(outcome(3, { wait: true }).kind, "waiting");
});

Deno.test("a failure's stored and logged message is capped at 1,000 characters", () => {
  assert.equal(MAX_ERROR_CHARS, 1000);
  const huge = "x".repeat(5_000_000);
  const run = (error: unknown) =>
    outcomeOf({ job: job(3), error, signal: new AbortController().signal }, rules);
  const failed = run(new LlmUnavailable(huge, { reason: "ollama_error" }));
  assert.equal(failed.kind, "failed");
  const { message, reason } = (failed as { error: { message: string; reason: string } }).error;
  assert.equal(message.length, MAX_ERROR_CHARS);
  assert.ok(message.endsWith("…"));
  assert.equal(reason, "ollama_error");
  const fits = run(new LlmUnavailable("y".repeat(MAX_ERROR_CHARS), { reason: "r" }));
  assert.equal((fits as { error: { message: string } }).error.message, "y".repeat(MAX_ERROR_CHARS));
  const skipped = run(new JobSkipped(huge, huge));
  assert.ok((skipped as { error: { message: string } }).error.message.length <= MAX_ERROR_CHARS);
  assert.ok((skipped as { error: { reason: string } }).error.reason.length <= 100);
});

Deno.test("a capped error is never cut inside a surrogate pair", () => {
  // An emoji (two UTF-16 units) straddling the cut: dropped whole, not halved.
  const message = "a".repeat(MAX_ERROR_CHARS - 2) + "😀".repeat(10);
  const capped = cappedError({ reason: "r", message });
  assert.ok(capped.message.length <= MAX_ERROR_CHARS);
  assert.ok(capped.message.isWellFormed(), "no lone surrogate");
  assert.ok(capped.message.endsWith("a…"));
});

Deno.test("a capped error is never cut inside a flag (two regional indicators)", () => {
  // 🇫🇷 is two code points of two units each: a cut between them would leave a lone "🇫".
  const message = "a".repeat(MAX_ERROR_CHARS - 4) + "🇫🇷".repeat(10);
  const capped = cappedError({ reason: "r", message });
  assert.ok(capped.message.length <= MAX_ERROR_CHARS);
  assert.ok(capped.message.endsWith("a…"), JSON.stringify(capped.message.slice(-4)));
});
