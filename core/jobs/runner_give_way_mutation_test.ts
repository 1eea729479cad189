/**
 * Pins how the job runner bounds giving way (runner.ts with give_ways.ts and outcome.ts): a run
 * that throws JobGaveWay puts the job back as it was (no attempt used, no error kept), each
 * run is told whether it may still give way, the bound is MAX_GIVE_WAYS, and a job that ends
 * done is forgotten by the runner's give-way count.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { MAX_GIVE_WAYS } from "./give_ways.ts";
import { JobGaveWay, type JobHandler } from "./mod.ts";
import { setup, until } from "./testing/runner_fixture.ts";

Deno.test("JobGaveWay is named so in logs", () => {
  const error = new JobGaveWay("facts: gave way to a chat");
  assert.equal(error.name, "JobGaveWay");
  assert.equal(error.message, "facts: gave way to a chat");
});

Deno.test("a job gives way MAX_GIVE_WAYS times, then runs with its slot kept; done, it is forgotten", async () => {
  const { db, runner } = await setup();
  const told: Array<boolean | undefined> = [];
  const yielding: JobHandler<{ n: number }> = {
    kind: "yielding",
    payload: z.strictObject({ n: z.number() }),
    run: ({ mayGiveWay }) => {
      told.push(mayGiveWay);
      if (mayGiveWay) return Promise.reject(new JobGaveWay("gave way to a chat"));
      return Promise.resolve({ ran: told.length });
    },
  };
  runner.register(yielding);
  runner.start();
  try {
    const { job } = await runner.enqueue({
      kind: "yielding",
      personaId: null,
      key: "y",
      payload: { n: 0 },
    });
    await until(async () => (await runner.get(job.id))?.state === "done");
    const done = (await runner.get(job.id))!;
    assert.deepEqual(told, [...Array(MAX_GIVE_WAYS).fill(true), false]);
    assert.deepEqual(done.result, { ran: MAX_GIVE_WAYS + 1 });
    assert.equal(done.last_error, null, "giving way is no failure");
    assert.equal(done.attempts, 1, "giving way uses no attempt");
    assert.equal(runner.giveWays.total, MAX_GIVE_WAYS);
    assert.equal(runner.giveWays.mayGiveWay(job.id), true, "a finished job's count is dropped");
  } finally {
    await runner.close();
    await db.close();
  }
});
