/**
 * The claim is an index walk (attack32 M2; PostgreSQL since fix135): each queued job carries its
 * persona's last claim (`lane_at`, kept by triggers), so the fair order is the order of
 * `jobs_lanes` and the claim reads its first due entry, never every due row with a MAX per row.
 * SQLite's plans are checked with `EXPLAIN QUERY PLAN` (PostgreSQL's: `claim_lanes_pg_test.ts`);
 * the lanes follow claims, holds, requeues and retries on both.
 */
import assert from "node:assert/strict";
import { SqliteDatabase } from "../storage/sqlite.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { claimPick, OVER_CAP, trimStatement } from "./sql_claim.ts";
import { claim, jobsIn, newJob, withPersonas } from "./testing/fixture.ts";

Deno.test("the claim walks jobs_lanes to its first due entry, not every due row; the trim reads its indexes (SQLite's plans)", async () => {
  const db = new SqliteDatabase(":memory:");
  try {
    await jobsIn(db);
    const plan = async (sql: string, ...params: (string | number)[]) =>
      (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, ...params))
        .map((step) => step.detail).join("; ");
    const pick = await plan(claimPick("sqlite"), '["test"]', 0, '["test"]', 0);
    // The queued jobs in the fair order itself (the index), so the walk stops at the first due
    // one: no sort of them, no persona's MAX(claimed_at) per row (attack32 M2).
    const [queued, running] = pick.split("UNION ALL");
    assert.match(queued!, /SCAN c USING INDEX jobs_lanes/, pick);
    assert.doesNotMatch(queued!, /TEMP B-TREE|jobs_claims|jobs_due/, pick);
    assert.match(running!, /SEARCH c USING INDEX jobs_due \(state=\?\)/, pick);
    assert.doesNotMatch(pick, /jobs_claims/, pick);
    const trim = await plan(trimStatement("sqlite"), "{}", 0, 0, "p", "k", 2);
    assert.match(trim, /USING (COVERING )?INDEX jobs_queued_by_persona/, trim);
    // The skipped ones by rowid, not a walk of every queued job (`jobs_due`) testing each.
    assert.match(trim, /^SEARCH jobs USING INTEGER PRIMARY KEY/, trim);
    assert.doesNotMatch(trim, /jobs_due/, trim);
    const over = await plan(OVER_CAP, "p", "k", 2);
    assert.match(over, /USING (COVERING )?INDEX jobs_queued_by_persona/, over);
  } finally {
    await db.close();
  }
});

eachDatabase(
  "the claim's lanes follow every change of a persona's last claim (the triggers)",
  async (db) => {
    const repo = await jobsIn(db);
    await withPersonas(db, "p_a", "p_b");
    const lanes = async () =>
      Object.fromEntries(
        (await db.all<{ id: string; lane_at: number }>(
          "SELECT id, lane_at FROM jobs WHERE state IN ('queued', 'running') ORDER BY seq",
        )).map((row) => [row.id, row.lane_at]),
      );
    for (const n of [1, 2]) await repo.insert(newJob(n, { persona_id: "p_a" }));
    await repo.insert(newJob(3, { persona_id: null }));
    assert.deepEqual(await lanes(), { job_1: 0, job_2: 0, job_3: 0 }, "never claimed");
    await repo.claimNext(claim("w1", 10_000));
    assert.deepEqual(await lanes(), { job_1: 10_000, job_2: 10_000, job_3: 0 });
    await repo.insert(newJob(4, { persona_id: "p_a" }));
    assert.equal((await lanes()).job_4, 10_000, "a new job joins its persona's lane");
    const error = { reason: "timeout", message: "slow" };
    await repo.requeue("job_1", "w1", {
      runAfter: 10_000,
      now: 10_500,
      error,
      waiting: null,
      countAttempt: true,
      holdUntil: 70_000,
    });
    assert.deepEqual(await lanes(), { job_1: 70_000, job_2: 70_000, job_3: 0, job_4: 70_000 });
    await repo.claimNext(claim("w1", 20_000));
    assert.equal((await repo.get("job_3"))?.state, "running", "the job of no persona first");
    await repo.fail("job_3", { worker: "w1", error, now: 20_000 });
    const a = await repo.claimNext(claim("w1", 30_000));
    await repo.fail(a!.id, { worker: "w1", error, now: 30_000 });
    await repo.retryFailed({ now: 30_000 });
    const after = await lanes();
    assert.equal(after.job_3, 0, "a retried job of no persona stays first");
    assert.equal(after[a!.id], 70_000, "a retried job takes its persona's last claim (the hold)");
  },
);
