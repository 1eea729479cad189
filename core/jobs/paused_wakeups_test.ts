/**
 * A runner paused because a job's model was out of reach (review41 j5): its loops sleep the
 * pause out as held, so jobs queued meanwhile do not wake them only to sleep again, a timer each.
 */
import assert from "node:assert/strict";
import { LlmUnavailable } from "../errors.ts";
import { handler, setup, until } from "./testing/runner_fixture.ts";

/** Counts the timers set while `work` runs (the runner's only trace of a loop that woke). */
async function timersDuring(work: () => Promise<void>): Promise<number> {
  const real = globalThis.setTimeout;
  let timers = 0;
  globalThis.setTimeout = ((...args: Parameters<typeof real>) => {
    timers++;
    return real(...args);
  }) as typeof real;
  try {
    await work();
  } finally {
    globalThis.setTimeout = real;
  }
  return timers;
}

Deno.test("jobs queued while the runner pauses for an unreachable model do not wake its paused loops", async () => {
  const { db, runner } = await setup(":memory:", { concurrency: 2 });
  let tries = 0;
  runner.register(handler("count", () => {
    tries++;
    return Promise.reject(new LlmUnavailable("no model", { reason: "unreachable" }));
  }));
  runner.start();
  try {
    await runner.enqueue({ kind: "count", personaId: null, key: "first", payload: { n: 0 } });
    // The job went back to the queue and the runner paused (a second at first).
    await until(() => runner.counts().waiting === "model unreachable");
    // Past a poll (50 ms): a loop that slept idle meanwhile has woken and sleeps the pause too.
    await new Promise((resolve) => setTimeout(resolve, 120));
    const timers = await timersDuring(async () => {
      for (let n = 1; n <= 20; n++) {
        await runner.enqueue({ kind: "count", personaId: null, key: `k${n}`, payload: { n } });
      }
      // Lets a woken loop reach its next sleep.
      for (let turn = 0; turn < 20; turn++) await Promise.resolve();
    });
    assert.equal(timers, 0, "no paused loop woke to sleep again");
    assert.equal(tries, 1);
  } finally {
    await runner.close();
    await db.close();
  }
});
