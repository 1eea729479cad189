/**
 * The job runner over its life: a shutdown puts running work back, a dead worker's lease lapses,
 * batched work joins its queued job, the runner holds off for busy chats, and counts follow it.
 */
import { tempDirSync } from "../testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { z } from "zod";
import { systemClock } from "../clock.ts";
import { personaMigrations } from "../personas/mod.ts";
import { SqliteDatabase } from "../storage/mod.ts";
import { JobRunner } from "./runner.ts";
import { jobMigrations, SqlJobRepository } from "./sql_repository.ts";
import { QuietWork } from "./quiet_work.ts";
import { handler, quiet, SETTINGS, setup, until } from "./testing/runner_fixture.ts";

/** Registers a "count" job handler recording each job's n, and starts the runner; the record. */
function startCounting(runner: JobRunner): number[] {
  const ran: number[] = [];
  runner.register(handler("count", (n) => {
    ran.push(n);
    return Promise.resolve({});
  }));
  runner.start();
  return ran;
}

Deno.test("shutdown puts a running job back as it was; a new runner finishes it", async () => {
  const path = `${tempDirSync("jobs-restart-")}/jobs.db`;
  const first = await setup(path);
  let started = false;
  first.runner.register(handler("slow", (_n, signal) =>
    new Promise((_resolve, reject) => {
      started = true;
      signal.addEventListener("abort", () => reject(signal.reason));
    })));
  first.runner.start();
  const { job } = await first.runner.enqueue({
    kind: "slow",
    personaId: null,
    key: "slow",
    payload: { n: 7 },
  });
  await until(() => started);
  await first.runner.close();
  const released = (await first.repository.get(job.id))!;
  assert.equal(released.state, "queued");
  assert.equal(released.attempts, 0, "an interrupted run is not an attempt");
  assert.equal(released.worker, null);
  await first.db.close();

  const second = await setup(path);
  const ran: number[] = [];
  second.runner.register(handler("slow", (n) => {
    ran.push(n);
    return Promise.resolve({});
  }));
  second.runner.start();
  try {
    await until(async () => (await second.runner.get(job.id))?.state === "done");
    assert.deepEqual(ran, [7]);
  } finally {
    await second.runner.close();
    await second.db.close();
  }
});

Deno.test("a job whose worker died runs again once its lease lapses", async () => {
  const path = `${tempDirSync("jobs-lease-")}/jobs.db`;
  const { db, repository, runner } = await setup(path, { leaseMs: 100 });
  await repository.insert({
    id: "job_dead",
    kind: "count",
    persona_id: null,
    key: "dead",
    batch_key: null,
    payload: { n: 3 },
    max_attempts: 3,
    run_after: 0,
    created_at: Date.now(),
  });
  // A worker of another process claimed it and vanished.
  await repository.claimNext({ kinds: ["count"], worker: "gone", now: Date.now(), leaseMs: 100 });
  const ran = startCounting(runner);
  try {
    await until(async () => (await runner.get("job_dead"))?.state === "done");
    assert.deepEqual(ran, [3]);
    assert.equal((await runner.get("job_dead"))?.attempts, 2);
  } finally {
    await runner.close();
    await db.close();
  }
});

Deno.test("work with a batch key joins the queued job until it is claimed", async () => {
  const { db, runner } = await setup();
  const payloads: number[][] = [];
  runner.register({
    kind: "gather",
    payload: z.strictObject({ ids: z.array(z.number()) }),
    run: ({ payload }) => {
      payloads.push(payload.ids);
      return Promise.resolve({});
    },
  });
  const merge = (current: Record<string, unknown>, incoming: Record<string, unknown>) => {
    const ids = [...current.ids as number[], ...incoming.ids as number[]];
    return ids.length > 3 ? null : { ids };
  };
  try {
    for (const id of [1, 2, 3, 4]) {
      await runner.enqueue({
        kind: "gather",
        personaId: null,
        key: `gather:${id}`,
        payload: { ids: [id] },
        delayMs: 20,
        batch: { key: "room", merge },
      });
    }
    runner.start();
    await until(() => payloads.length === 2);
    assert.deepEqual(payloads, [[1, 2, 3], [4]], "a full batch starts a new job");
  } finally {
    await runner.close();
    await db.close();
  }
});

Deno.test("the runner holds off while holdOff says so (chats are busy), then runs the job", async () => {
  const db = new SqliteDatabase(":memory:");
  await db.migrate([...personaMigrations, ...jobMigrations]);
  let busyUntil = Date.now() + 150;
  const runner = new JobRunner({
    repository: new SqlJobRepository(db),
    clock: systemClock,
    log: quiet,
    settings: SETTINGS,
    holdOff: () => Math.max(0, busyUntil - Date.now()),
  });
  const ranAt: number[] = [];
  runner.register(handler("count", () => {
    ranAt.push(Date.now());
    return Promise.resolve({});
  }));
  runner.start();
  try {
    const enqueuedAt = Date.now();
    await runner.enqueue({ kind: "count", personaId: null, key: "k", payload: { n: 1 } });
    await until(() => ranAt.length === 1);
    assert.ok(ranAt[0]! >= busyUntil, `ran ${busyUntil - ranAt[0]!} ms early`);
    assert.ok(ranAt[0]! - enqueuedAt >= 140);
    busyUntil = 0;
  } finally {
    await runner.close();
    await db.close();
  }
});

Deno.test("counts follow this runner's own changes without counting the table per job", async () => {
  const { db } = await setup();
  let counted = 0;
  const counting = new class extends SqlJobRepository {
    override counts(personaId?: string) {
      counted++;
      return super.counts(personaId);
    }
  }(db);
  let hold = 60_000;
  const runner = new JobRunner({
    repository: counting,
    clock: systemClock,
    log: quiet,
    settings: SETTINGS,
    holdOff: () => hold,
  });
  runner.register(handler("count", () => Promise.resolve({})));
  runner.start();
  try {
    await until(() => counted === 1);
    for (let n = 0; n < 50; n++) {
      await runner.enqueue({ kind: "count", personaId: null, key: `c:${n}`, payload: { n } });
    }
    assert.equal(runner.counts().queued, 50, "each enqueue counted at once");
    assert.equal(counted, 1, "no COUNT per enqueue while chats hold the jobs off");
    hold = 0;
    await until(() => runner.counts().done === 50);
    const repository = new SqlJobRepository(db);
    const { waiting: _, ...known } = runner.counts();
    assert.deepEqual(known, await repository.counts(), "the same as the table's");
    assert.ok(counted < 10, `counted ${counted} times for 50 jobs`);
  } finally {
    await runner.close();
    await db.close();
  }
});

Deno.test("a read of the queue hurries the tracked work (a quiet-time queue under busy chats) instead of waiting for quiet", async () => {
  const db = new SqliteDatabase(":memory:");
  await db.migrate([...personaMigrations, ...jobMigrations]);
  const work = new QuietWork({ log: quiet, quietMs: 60_000, maxDelayMs: 60_000 });
  const runner = new JobRunner({
    repository: new SqlJobRepository(db),
    clock: systemClock,
    log: quiet,
    settings: SETTINGS,
    hurry: () => void work.drain(),
  });
  runner.register(handler("k", () => Promise.resolve({})));
  const busy = work.begin();
  try {
    runner.track(work.add("enqueue", async () => {
      await runner.enqueue({ kind: "k", personaId: null, key: "k:1", payload: { n: 1 } });
    }));
    // Without the hurry, the read would wait a minute for the chats to pause.
    const read = runner.figures();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const verdict = await Promise.race([
      read.then(({ queued }) => `${queued} queued`),
      new Promise<string>((resolve) => timer = setTimeout(() => resolve("still waiting"), 5_000)),
    ]);
    clearTimeout(timer);
    assert.equal(verdict, "1 queued");
  } finally {
    busy();
    await work.drain();
    await runner.close();
    await db.close();
  }
});

Deno.test("jobs queued while the runner holds off do not wake its held loops (each would only look and sleep again)", async () => {
  const db = new SqliteDatabase(":memory:");
  await db.migrate([...personaMigrations, ...jobMigrations]);
  let looks = 0;
  let held = true;
  const runner = new JobRunner({
    repository: new SqlJobRepository(db),
    clock: systemClock,
    log: quiet,
    settings: SETTINGS,
    holdOff: () => {
      looks++;
      return held ? 60_000 : 0;
    },
  });
  const ran = startCounting(runner);
  try {
    await until(() => looks >= SETTINGS.concurrency);
    const before = looks;
    // One job per chat, as the mind queues them under many sessions.
    for (let n = 0; n < 20; n++) {
      await runner.enqueue({ kind: "count", personaId: null, key: `k${n}`, payload: { n } });
    }
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(looks, before, "no held loop looked again");
    assert.deepEqual(ran, []);
  } finally {
    held = false;
    await runner.close();
    await db.close();
  }
});
