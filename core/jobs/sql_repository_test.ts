/**
 * The job repository's contract, on SQLite and on PostgreSQL (each case runs on both): keys are
 * idempotent, the claim takes due jobs in order and never hands one job to two workers (two
 * connections, or two nodes, claiming at once), leases lapse, batches close once claimed.
 */
import assert from "node:assert/strict";
import { eachDatabase, eachSharedDatabase } from "../storage/testing/databases.ts";
import { DROPPED_COUNT, SqlJobRepository, WAITING_REASON } from "./sql_repository.ts";
import { SqliteDatabase } from "../storage/sqlite.ts";
import { claim, jobsIn, newJob } from "./testing/fixture.ts";

eachDatabase(
  "a job key is an idempotency key: the second insert returns the first job",
  async (db) => {
    const repo = await jobsIn(db);
    const first = await repo.insert(newJob(1));
    const again = await repo.insert(newJob(2, { key: "key_1", payload: { other: true } }));
    assert.equal(first.created, true);
    assert.equal(again.created, false);
    assert.equal(again.job.id, "job_1");
    assert.deepEqual(again.job.payload, { n: 1 });
    assert.equal((await repo.counts()).queued, 1);
  },
);

eachDatabase(
  "claimNext takes due jobs of the worker's kinds, oldest due first, and counts the attempt",
  async (db) => {
    const repo = await jobsIn(db);
    await repo.insert(newJob(1, { run_after: 20_000 }));
    await repo.insert(newJob(2, { run_after: 500 }));
    await repo.insert(newJob(3, { kind: "other", run_after: 0 }));
    await repo.insert(newJob(4, { run_after: 100 }));
    const first = await repo.claimNext(claim("w1"));
    assert.equal(first?.id, "job_4");
    assert.equal(first.state, "running");
    assert.equal(first.attempts, 1);
    assert.equal(first.worker, "w1");
    assert.equal(first.lease_until, 11_000);
    assert.equal((await repo.claimNext(claim("w1")))?.id, "job_2");
    assert.equal(await repo.claimNext(claim("w1")), undefined, "job_1 is not due, job_3 not ours");
    assert.equal(await repo.nextDue(["test"]), 11_000, "the first lease to lapse");
    const lapsed = await repo.claimNext(claim("w2", 20_000));
    assert.equal(lapsed?.id, "job_4", "a lapsed lease comes first: it was due earliest");
    assert.equal(lapsed.attempts, 2);
    await repo.complete("job_2", { worker: "w1", result: {}, now: 20_000 });
    assert.equal((await repo.claimNext(claim("w1", 20_000)))?.id, "job_1");
  },
);

eachSharedDatabase(
  "two connections (processes, nodes) claiming at once never get the same job",
  async (one, two) => {
    const repos = [await jobsIn(one), new SqlJobRepository(two)];
    for (let n = 0; n < 200; n++) await repos[0]!.insert(newJob(n));
    const claimed: string[] = [];
    // Four workers, two on each connection, all claiming at once.
    await Promise.all([...repos, ...repos].map(async (repo, i) => {
      for (;;) {
        const job = await repo.claimNext(claim(`w${i}`));
        if (!job) return;
        claimed.push(job.id);
        assert.equal(job.worker, `w${i}`);
        await repo.complete(job.id, { worker: `w${i}`, result: {}, now: 10_001 });
      }
    }));
    assert.equal(claimed.length, 200);
    assert.equal(new Set(claimed).size, 200);
    const counts = await repos[1]!.counts();
    assert.equal(counts.done, 200);
    assert.equal(counts.running, 0);
  },
);

eachDatabase(
  "a lapsed lease lets another worker claim the job; the old worker can no longer finish it",
  async (db) => {
    const repo = await jobsIn(db);
    await repo.insert(newJob(1));
    await repo.claimNext(claim("dead", 10_000));
    assert.equal(await repo.claimNext(claim("alive", 10_500)), undefined, "lease still held");
    assert.equal(await repo.renew("job_1", { worker: "dead", until: 11_500, now: 10_500 }), true);
    assert.equal(await repo.claimNext(claim("alive", 11_200)), undefined, "renewed");
    const again = await repo.claimNext(claim("alive", 11_600));
    assert.equal(again?.worker, "alive");
    assert.equal(again.attempts, 2, "the lost run counts");
    assert.equal(await repo.complete("job_1", { worker: "dead", result: {}, now: 11_700 }), false);
    assert.equal(await repo.renew("job_1", { worker: "dead", until: 20_000, now: 11_700 }), false);
    assert.equal(
      await repo.complete("job_1", { worker: "alive", result: { ok: 1 }, now: 11_800 }),
      true,
    );
    const done = await repo.get("job_1");
    assert.equal(done?.state, "done");
    assert.deepEqual(done.result, { ok: 1 });
    assert.equal(done.finished_at, 11_800);
    assert.equal(done.worker, null);
  },
);

eachDatabase(
  "requeue keeps or refunds the attempt, records the error or the wait; retryFailed resets",
  async (db) => {
    const repo = await jobsIn(db);
    await repo.insert(newJob(1));
    await repo.claimNext(claim("w"));
    const error = { reason: "timeout", message: "slow" };
    await repo.requeue("job_1", "w", {
      runAfter: 12_000,
      now: 10_100,
      error,
      waiting: null,
      countAttempt: true,
    });
    let job = await repo.get("job_1");
    assert.equal(job?.state, "queued");
    assert.equal(job.attempts, 1);
    assert.deepEqual(job.last_error, error);
    assert.equal(job.run_after, 12_000);

    await repo.claimNext(claim("w", 12_000));
    await repo.requeue("job_1", "w", {
      runAfter: 13_000,
      now: 12_100,
      error: { reason: "unreachable", message: "no model" },
      waiting: "model unreachable",
      countAttempt: false,
    });
    job = await repo.get("job_1");
    assert.equal(job?.attempts, 1, "a wait does not use an attempt");
    assert.equal(job.waiting, "model unreachable");
    assert.equal(await repo.waitingReason(), "model unreachable");

    await repo.claimNext(claim("w", 13_000));
    await repo.fail("job_1", { worker: "w", error, now: 13_100 });
    job = await repo.get("job_1");
    assert.equal(job?.state, "failed");
    assert.equal(job.waiting, null);
    assert.equal(await repo.retryFailed({ ids: ["job_9"], now: 14_000 }), 0, "only those named");
    assert.equal(await repo.retryFailed({ ids: ["job_1"], now: 14_000 }), 1);
    await repo.claimNext(claim("w", 14_000));
    await repo.fail("job_1", { worker: "w", error, now: 14_100 });
    assert.equal(await repo.retryFailed({ now: 14_000 }), 1);
    job = await repo.get("job_1");
    assert.equal(job?.state, "queued");
    assert.equal(job.attempts, 0);
    assert.equal(job.finished_at, null);
  },
);

eachDatabase("a batch gathers while queued and closes once claimed", async (db) => {
  const repo = await jobsIn(db);
  await repo.insert(newJob(1, { batch_key: "room:1" }));
  const open = await repo.openBatch("room:1");
  assert.equal(open?.id, "job_1");
  assert.equal(
    await repo.extendBatch("job_1", { payload: { n: [1, 2] }, runAfter: 5, now: 6 }),
    true,
  );
  assert.deepEqual((await repo.get("job_1"))?.payload, { n: [1, 2] });
  await repo.claimNext(claim("w"));
  assert.equal(await repo.openBatch("room:1"), undefined);
  assert.equal(
    await repo.extendBatch("job_1", { payload: { n: [3] }, runAfter: 5, now: 6 }),
    false,
    "a running job takes nothing more",
  );
});

eachDatabase(
  "lists page newest first with filters; purge deletes only old finished jobs",
  async (db) => {
    const repo = await jobsIn(db);
    for (let n = 1; n <= 5; n++) await repo.insert(newJob(n, { kind: n % 2 ? "test" : "other" }));
    const page = await repo.list({ kind: "test" }, { limit: 2, offset: 0 });
    assert.deepEqual(page.jobs.map((job) => job.id), ["job_5", "job_3"]);
    assert.equal(page.total, 3);
    await repo.claimNext(claim("w"));
    await repo.complete("job_1", { worker: "w", result: {}, now: 100 });
    await repo.claimNext(claim("w"));
    await repo.complete("job_3", { worker: "w", result: {}, now: 300 });
    assert.equal(await repo.purgeFinished(200), 1);
    assert.equal(await repo.get("job_1"), undefined);
    assert.ok(await repo.get("job_3"));
    assert.equal((await repo.list({ state: "queued" }, { limit: 10, offset: 0 })).total, 3);
  },
);

Deno.test("the waiting reason reads one index entry, not every queued job (SQLite's plan)", async () => {
  const db = new SqliteDatabase(":memory:");
  try {
    await jobsIn(db);
    const plan = await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${WAITING_REASON}`);
    const details = plan.map((step) => step.detail).join("; ");
    assert.match(details, /USING INDEX jobs_waiting/);
    assert.doesNotMatch(details, /TEMP B-TREE/);
  } finally {
    await db.close();
  }
});

Deno.test("the dropped count reads the dropped jobs' index entries, not every job's error (SQLite's plan)", async () => {
  const db = new SqliteDatabase(":memory:");
  try {
    await jobsIn(db);
    const plan = await db.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN ${DROPPED_COUNT}`,
      null,
      null,
    );
    const details = plan.map((step) => step.detail).join("; ");
    assert.match(details, /USING (COVERING )?INDEX jobs_dropped/);
  } finally {
    await db.close();
  }
});
