/**
 * One claimed job's run: a waiting outcome lengthens the runner's outage pause, a job that ends
 * done clears its streak, and a payload its handler refuses fails the job at once.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { systemClock } from "../clock.ts";
import { LlmUnavailable } from "../errors.ts";
import { OutagePause } from "./backoff.ts";
import { type ClaimedRunDeps, runClaimed } from "./claimed_run.ts";
import { GiveWays } from "./give_ways.ts";
import type { JobHandler } from "./handler.ts";
import { JobTally } from "./tally.ts";
import { handler, quiet, SETTINGS, setup } from "./testing/runner_fixture.ts";

/** The runner's parts a claimed run reads, over `setup()`'s real SQLite repository. */
async function claimedRun() {
  const { db, repository, runner } = await setup();
  runner.register(handler("count", () => Promise.resolve({})));
  const deps: ClaimedRunDeps = {
    repository,
    clock: systemClock,
    log: quiet,
    settings: SETTINGS,
    waitReason: (error) => error instanceof LlmUnavailable ? "model unreachable" : null,
    worker: "worker_test",
    tally: new JobTally({ repository, clock: systemClock, log: quiet, closed: () => false }),
    giveWays: new GiveWays(),
    pause: new OutagePause(),
    closed: () => false,
  };
  const claim = async (n: number) => {
    await runner.enqueue({ kind: "count", personaId: null, key: `count:${n}`, payload: { n } });
    const job = await repository.claimNext({
      kinds: ["count"],
      worker: deps.worker,
      now: Date.now(),
      leaseMs: SETTINGS.leaseMs,
    });
    assert.ok(job);
    return job;
  };
  return { db, repository, deps, claim };
}

Deno.test("a claimed run that waits for the model lengthens the outage pause; one that ends done clears its streak", async () => {
  const { db, repository, deps, claim } = await claimedRun();
  const signal = new AbortController().signal;
  const unreachable = handler("count", () => {
    throw new LlmUnavailable("Cannot reach the model", { reason: "unreachable" });
  });
  try {
    const waiting = await claim(1);
    await runClaimed(waiting, { handler: unreachable, signal }, deps);
    assert.equal((await repository.get(waiting.id))?.waiting, "model unreachable");
    assert.ok(deps.pause.until > Date.now(), "the runner pauses");
    const done = await claim(2);
    await runClaimed(done, { handler: handler("count", () => Promise.resolve({})), signal }, deps);
    assert.equal((await repository.get(done.id))?.state, "done");
    assert.equal(deps.pause.lengthen(0), 1_000, "the next outage starts from the base again");
  } finally {
    await db.close();
  }
});

Deno.test("a claimed run whose payload its handler refuses fails at once with invalid_payload", async () => {
  const { db, repository, deps, claim } = await claimedRun();
  try {
    const job = await claim(3);
    const strict: JobHandler = {
      kind: "count",
      payload: z.strictObject({ n: z.number(), extra: z.string() }),
      run: () => Promise.resolve({}),
    };
    await runClaimed(job, { handler: strict, signal: new AbortController().signal }, deps);
    const failed = await repository.get(job.id);
    assert.equal(failed?.state, "failed");
    assert.equal(failed?.last_error?.reason, "invalid_payload");
  } finally {
    await db.close();
  }
});
