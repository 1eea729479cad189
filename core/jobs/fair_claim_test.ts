/**
 * The claim's fairness across personas and the stall hold, on SQLite and on PostgreSQL: the
 * persona claimed least recently goes first, a persona whose model stalled goes behind the others
 * for a minute, and the cap trims a persona's oldest queued jobs past it (`queue_cap.ts`).
 */
import assert from "node:assert/strict";
import { createLogger } from "../log.ts";
import { eachDatabase, onSharedPostgres } from "../storage/testing/databases.ts";
import type { Outcome } from "./outcome.ts";
import { recordOutcome, STALL_HOLD_MS } from "./outcome_record.ts";
import { SqlJobRepository } from "./sql_repository.ts";
import { claim, jobsIn, newJob, withPersonas } from "./testing/fixture.ts";

/** Records `outcome` of a job `worker` claimed, as the runner does. */
async function record(
  repo: SqlJobRepository,
  job: Parameters<typeof recordOutcome>[0],
  outcome: Outcome,
  at: { worker: string; now: number },
): Promise<void> {
  await recordOutcome(job, outcome, {
    repository: repo,
    log: createLogger("error", { write: () => {} }),
    ...at,
    ended: () => {},
    pause: () => 0,
    waiting: () => {},
  });
}

eachDatabase(
  "the claim is fair across personas: the persona claimed least recently goes first, its own jobs in order",
  async (db) => {
    const repo = await jobsIn(db);
    await withPersonas(db, "p_a", "p_b", "p_c");
    for (const n of [1, 2, 3]) await repo.insert(newJob(n, { persona_id: "p_a" }));
    await repo.insert(newJob(4, { persona_id: "p_b" }));
    const order: string[] = [];
    const take = async (now: number) => {
      const job = await repo.claimNext(claim("w1", now));
      order.push(job?.id ?? "none");
      if (job) await repo.complete(job.id, { worker: "w1", result: {}, now });
    };
    await take(10_000);
    await take(10_001);
    assert.deepEqual(order, ["job_1", "job_4"], "B's one job before A's second");
    await repo.insert(newJob(5, { persona_id: "p_c" }));
    await repo.insert(newJob(6, { persona_id: "p_b" }));
    for (const now of [10_002, 10_003, 10_004, 10_005, 10_006]) await take(now);
    assert.deepEqual(order, ["job_1", "job_4", "job_5", "job_2", "job_6", "job_3", "none"]);
  },
);

eachDatabase(
  "trimQueued skips a persona's oldest queued jobs of a kind beyond the cap, hold or not",
  async (db) => {
    const repo = await jobsIn(db);
    await withPersonas(db, "p_a", "p_b");
    for (const n of [1, 2, 3, 4, 5, 6, 7]) await repo.insert(newJob(n, { persona_id: "p_a" }));
    await repo.insert(newJob(8, { persona_id: "p_a", kind: "other" }));
    await repo.insert(newJob(9, { persona_id: "p_b" }));
    assert.equal((await repo.claimNext(claim("w1")))?.id, "job_1", "running: never trimmed");
    const error = { reason: "queue_cap", message: "over" };
    const cap = { personaId: "p_a", kind: "test", keep: 2, error, now: 20_000 };
    await repo.claimNext(claim("w2", 20_000, ["other"]));
    await repo.fail("job_8", { worker: "w2", error, now: 20_000 });
    assert.equal(await repo.trimQueued(cap), 4, "the queue beyond the cap at once");
    assert.equal(await repo.trimQueued(cap), 0, "at the cap: nothing more");
    assert.equal(await repo.queued("p_a", "test", 100), 2);
    assert.equal(await repo.queued("p_a", "test", 1), 1, "counted up to its bound");
    const states = Object.fromEntries(
      (await repo.list({}, { limit: 10, offset: 0 })).jobs.map((job) => [job.id, job.state]),
    );
    assert.deepEqual(states, {
      job_1: "running",
      job_2: "skipped",
      job_3: "skipped",
      job_4: "skipped",
      job_5: "skipped",
      job_6: "queued",
      job_7: "queued",
      job_8: "failed",
      job_9: "queued",
    });
    const dropped = await repo.get("job_2");
    assert.deepEqual(dropped?.last_error, error);
    assert.equal(dropped?.finished_at, 20_000);
  },
);

eachDatabase(
  "a job whose model stalled puts its persona behind the others for a while, not others' retries",
  async (db) => {
    const repo = await jobsIn(db);
    await withPersonas(db, "p_a", "p_b");
    await repo.insert(newJob(1, { persona_id: "p_b" }));
    await repo.insert(newJob(2, { persona_id: "p_a" }));
    await repo.insert(newJob(3, { persona_id: "p_a" }));
    await repo.insert(newJob(4, { persona_id: "p_b" }));
    await repo.insert(newJob(5, { persona_id: "p_b" }));
    const order: string[] = [];
    const run = async (now: number, reason?: string) => {
      const job = await repo.claimNext(claim("w1", now));
      order.push(job?.id ?? "none");
      if (!job) return;
      if (reason === undefined) {
        await repo.complete(job.id, { worker: "w1", result: {}, now });
        return;
      }
      const error = { reason, message: "no answer" };
      await recordOutcome(job, { kind: "retry", error, delayMs: 0 }, {
        repository: repo,
        log: createLogger("error", { write: () => {} }),
        worker: "w1",
        now,
        ended: () => {},
        pause: () => 0,
        waiting: () => {},
      });
    };
    await run(10_000);
    await run(10_001, "stream_idle");
    for (const now of [10_002, 10_003, 10_004, 10_005]) await run(now);
    assert.deepEqual(order, ["job_1", "job_2", "job_4", "job_5", "job_3", "job_2"]);
    order.length = 0;
    await repo.insert(newJob(6, { persona_id: "p_a" }));
    await repo.insert(newJob(7, { persona_id: "p_b" }));
    await repo.insert(newJob(8, { persona_id: "p_b" }));
    await run(20_000, "invalid_output");
    for (const now of [20_001, 20_002]) await run(now);
    assert.deepEqual(order, ["job_7", "job_6", "job_8"], "any other failure: round robin");
  },
);

eachDatabase(
  "the stall hold lasts a minute: others claimed within it go first, after it the persona's turn",
  async (db) => {
    const repo = await jobsIn(db);
    await withPersonas(db, "p_a", "p_b");
    await repo.insert(newJob(1, { persona_id: "p_a" }));
    for (const n of [2, 3, 4, 5]) await repo.insert(newJob(n, { persona_id: "p_b" }));
    const stalled = await repo.claimNext(claim("w1", 10_000));
    assert.equal(stalled?.id, "job_1");
    const error = { reason: "timeout", message: "no answer" };
    await record(repo, stalled!, { kind: "retry", error, delayMs: 0 }, {
      worker: "w1",
      now: 10_000,
    });
    assert.equal(STALL_HOLD_MS, 60_000);
    const order: string[] = [];
    for (const now of [10_100, 69_999, 70_001, 70_002]) {
      const job = await repo.claimNext(claim("w1", now));
      order.push(job?.id ?? "none");
      if (job) await repo.complete(job.id, { worker: "w1", result: {}, now });
    }
    // B claimed within the minute stays ahead of A; once B's last claim passes the hold, A's turn.
    assert.deepEqual(order, ["job_2", "job_3", "job_4", "job_1"]);
  },
);

for (
  const outcome of [
    { kind: "retry", error: { reason: "timeout", message: "x" }, delayMs: 0 },
    { kind: "retry", error: { reason: "stream_idle", message: "x" }, delayMs: 0 },
    { kind: "failed", error: { reason: "timeout", message: "x" } },
    { kind: "failed", error: { reason: "stream_idle", message: "x" } },
  ] as Outcome[]
) {
  eachDatabase(
    `a stall holds its persona back: ${outcome.kind} with ${
      (outcome as { error: { reason: string } }).error.reason
    }`,
    async (db) => {
      const repo = await jobsIn(db);
      await withPersonas(db, "p_a", "p_b");
      for (const n of [1, 2]) await repo.insert(newJob(n, { persona_id: "p_a" }));
      for (const n of [3, 4, 5]) await repo.insert(newJob(n, { persona_id: "p_b" }));
      await repo.insert(newJob(6, { persona_id: "p_a" }));
      const order: string[] = [];
      for (const now of [10_000, 10_001, 10_002, 10_003, 10_004]) {
        const job = await repo.claimNext(claim("w1", now));
        order.push(job?.id ?? "none");
        if (job?.id === "job_2") await record(repo, job, outcome, { worker: "w1", now });
        else if (job) await repo.complete(job.id, { worker: "w1", result: {}, now });
      }
      // Without the hold A (last claim 10,002) would go before B's claim at 10,003 comes round.
      assert.deepEqual(order, ["job_1", "job_3", "job_2", "job_4", "job_5"]);
    },
  );
}

eachDatabase(
  "a late stall outcome of a job another worker took over holds nothing back",
  async (db) => {
    const repo = await jobsIn(db);
    await withPersonas(db, "p_a", "p_b");
    for (const n of [1, 2]) await repo.insert(newJob(n, { persona_id: "p_a" }));
    for (const n of [3, 4, 5]) await repo.insert(newJob(n, { persona_id: "p_b" }));
    const lost = await repo.claimNext(claim("w1", 10_000));
    assert.equal(lost?.id, "job_1");
    assert.equal((await repo.claimNext(claim("w2", 10_001)))?.id, "job_3");
    await repo.complete("job_3", { worker: "w2", result: {}, now: 10_001 });
    // w1's lease lapsed: w2 takes job_1 over; then w1's stall outcome arrives.
    assert.equal((await repo.claimNext(claim("w2", 11_001)))?.id, "job_1");
    const error = { reason: "stream_idle", message: "no answer" };
    await record(repo, lost!, { kind: "retry", error, delayMs: 0 }, { worker: "w1", now: 11_002 });
    await repo.complete("job_1", { worker: "w2", result: {}, now: 11_003 });
    const order: string[] = [];
    for (const now of [11_004, 11_005, 11_006]) {
      const job = await repo.claimNext(claim("w2", now));
      order.push(job?.id ?? "none");
      if (job) await repo.complete(job.id, { worker: "w2", result: {}, now });
    }
    assert.deepEqual(order, ["job_4", "job_2", "job_5"], "round robin, no hold");
  },
);

onSharedPostgres(
  "a job another node claims while the trim waits for its row stays running",
  async (one, two) => {
    const repo = await jobsIn(one);
    const other = new SqlJobRepository(two);
    await withPersonas(one, "p_a");
    for (const n of [1, 2, 3]) await repo.insert(newJob(n, { persona_id: "p_a" }));
    await repo.insert(newJob(9, { persona_id: "p_a", kind: "other" }));
    await repo.claimNext(claim("w9", 10_000, ["other"]));
    const error = { reason: "queue_cap", message: "over" };
    await repo.fail("job_9", { worker: "w9", error, now: 10_000, holdUntil: 1e12 });
    let trimming: Promise<number> | undefined;
    await one.transaction(async () => {
      assert.equal((await repo.claimNext(claim("w1", 20_000)))?.id, "job_1");
      // The trim reads job_1 as queued and waits for its row lock until the claim commits.
      trimming = other.trimQueued({ personaId: "p_a", kind: "test", keep: 1, error, now: 20_000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    assert.equal(await trimming, 1, "only job_2");
    assert.equal((await repo.get("job_1"))?.state, "running");
    assert.equal((await repo.get("job_2"))?.state, "skipped");
  },
);

/** The id a claim took ("none"), or "blocked" when it is still waiting after 5 s. */
async function promptly(claimed: Promise<{ id: string } | undefined>): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const blocked = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve("blocked"), 5_000);
  });
  try {
    return await Promise.race([claimed.then((job) => job?.id ?? "none"), blocked]);
  } finally {
    clearTimeout(timer);
  }
}

onSharedPostgres(
  "a node claiming never waits for the job another node is claiming",
  async (one, two) => {
    const repo = await jobsIn(one);
    const other = new SqlJobRepository(two);
    await withPersonas(one, "p_a", "p_b");
    for (const n of [1, 2]) await repo.insert(newJob(n, { persona_id: "p_a" }));
    await repo.insert(newJob(3, { persona_id: "p_b" }));
    await one.transaction(async () => {
      assert.equal((await repo.claimNext(claim("w1")))?.id, "job_1");
      // job_1's row stays locked until this transaction ends: the other node passes over it (the
      // head of p_a) to p_b's, without waiting.
      assert.equal(await promptly(other.claimNext(claim("w2"))), "job_3");
      const second = await promptly(other.claimNext(claim("w2")));
      assert.equal(second, "none", "p_a's head is locked: nothing now, not a wait");
    });
    assert.equal((await other.claimNext(claim("w2")))?.id, "job_2", "then p_a's next");
  },
);
