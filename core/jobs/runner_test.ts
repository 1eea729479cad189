/**
 * The job runner: jobs run in the background, retry with backoff, hide unexpected errors, and wait
 * for an unreachable model. Shutdown, leases, batching and counts: runner_lifecycle_test.ts.
 */
import assert from "node:assert/strict";
import { LlmUnavailable } from "../errors.ts";
import { doubling } from "./backoff.ts";
import { JobSkipped } from "./handler.ts";
import { handler, setup, until } from "./testing/runner_fixture.ts";

Deno.test("jobs run in the background and end done with their result", async () => {
  const { db, runner } = await setup();
  const seen: number[] = [];
  runner.register(handler("count", (n) => {
    seen.push(n);
    return Promise.resolve({ doubled: n * 2 });
  }));
  runner.start();
  try {
    const { job } = await runner.enqueue({
      kind: "count",
      personaId: null,
      key: "count:1",
      payload: { n: 1 },
    });
    await until(async () => (await runner.get(job.id))?.state === "done");
    assert.deepEqual((await runner.get(job.id))?.result, { doubled: 2 });
    const again = await runner.enqueue({
      kind: "count",
      personaId: null,
      key: "count:1",
      payload: { n: 1 },
    });
    assert.equal(again.created, false, "idempotent by key, even after it ran");
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(seen, [1]);
    assert.equal(runner.counts().done, 1);
  } finally {
    await runner.close();
    await db.close();
  }
});

Deno.test("a failing job is retried with a doubling backoff, then fails with its reason", async () => {
  const { db, runner } = await setup();
  const starts: number[] = [];
  runner.register(handler("flaky", () => {
    starts.push(performance.now());
    return Promise.reject(
      new LlmUnavailable("The model's answer does not match", { reason: "invalid_output" }),
    );
  }));
  runner.start();
  try {
    const { job } = await runner.enqueue({
      kind: "flaky",
      personaId: null,
      key: "f",
      payload: { n: 0 },
    });
    await until(async () => (await runner.get(job.id))?.state === "failed");
    const failed = (await runner.get(job.id))!;
    assert.equal(failed.attempts, 3);
    assert.deepEqual(failed.last_error, {
      reason: "invalid_output",
      message: "The model's answer does not match",
    });
    assert.equal(starts.length, 3);
    // Backoff: 20 ms, then 40 ms.
    assert.ok(starts[1]! - starts[0]! >= 19, `first retry after ${starts[1]! - starts[0]!} ms`);
    assert.ok(starts[2]! - starts[1]! >= 39, `second retry after ${starts[2]! - starts[1]!} ms`);
    assert.equal(runner.counts().failed, 1);
  } finally {
    await runner.close();
    await db.close();
  }
});

Deno.test("backoff doubles from the base up to the cap", () => {
  const options = { baseMs: 5_000, capMs: 300_000 };
  assert.deepEqual([1, 2, 3, 4, 7, 50].map((n) => doubling(n, options)), [
    5_000,
    10_000,
    20_000,
    40_000,
    300_000,
    300_000,
  ]);
});

Deno.test("an unexpected error is masked for clients; a skipped job says why", async () => {
  const { db, runner } = await setup(":memory:", { maxAttempts: 1 });
  runner.register(handler("boom", () => Promise.reject(new Error("secret path /etc/x"))));
  runner.register(handler("nothing", () => Promise.reject(new JobSkipped("gone", "All gone"))));
  runner.start();
  try {
    const boom = await runner.enqueue({
      kind: "boom",
      personaId: null,
      key: "b",
      payload: { n: 0 },
    });
    const skip = await runner.enqueue({
      kind: "nothing",
      personaId: null,
      key: "s",
      payload: { n: 0 },
    });
    const bad = await runner.enqueue({ kind: "boom", personaId: null, key: "p", payload: {} });
    await until(async () =>
      (await runner.figures()).queued + (await runner.figures()).running === 0
    );
    const failed = (await runner.get(boom.job.id))!;
    assert.equal(failed.state, "failed");
    assert.equal(failed.last_error?.reason, "internal_error");
    assert.doesNotMatch(failed.last_error!.message, /secret/);
    const skipped = (await runner.get(skip.job.id))!;
    assert.equal(skipped.state, "skipped");
    assert.deepEqual(skipped.last_error, { reason: "gone", message: "All gone" });
    const invalid = (await runner.get(bad.job.id))!;
    assert.equal(invalid.state, "failed");
    assert.equal(invalid.last_error?.reason, "invalid_payload");
  } finally {
    await runner.close();
    await db.close();
  }
});

Deno.test("an unreachable model makes jobs wait without using attempts, visibly, then they run", async () => {
  const { db, runner } = await setup(":memory:", { maxAttempts: 1 });
  let reachable = false;
  let runs = 0;
  runner.register(handler("model", () => {
    runs++;
    if (!reachable) {
      return Promise.reject(
        new LlmUnavailable("Cannot reach Ollama at http://x", { reason: "unreachable" }),
      );
    }
    return Promise.resolve({});
  }));
  runner.start();
  try {
    const { job } = await runner.enqueue({
      kind: "model",
      personaId: null,
      key: "m",
      payload: { n: 0 },
    });
    await until(async () => (await runner.get(job.id))?.waiting !== null);
    const waiting = (await runner.get(job.id))!;
    assert.equal(waiting.state, "queued");
    assert.equal(waiting.attempts, 0, "waiting used no attempt (max_attempts is 1)");
    assert.equal(waiting.waiting, "model unreachable");
    assert.equal(await runner.waitingReason(), "model unreachable");
    await until(() => runner.counts().waiting === "model unreachable");
    reachable = true;
    await until(async () => (await runner.get(job.id))?.state === "done", 10_000);
    assert.ok(runs >= 2);
    assert.equal((await runner.get(job.id))?.waiting, null);
  } finally {
    await runner.close();
    await db.close();
  }
});
