/**
 * The claim is two index walks (attack32 M2; PostgreSQL since fix135; one lane row per persona
 * since review46 R11): the lanes of personas with queued jobs (`jobs_persona_lanes`, kept by
 * triggers) to the first with a due job, then its first due job, never every due row with a MAX
 * per row, and a claim writes its job and its persona's lane, never the persona's other queued
 * rows. SQLite's plans are checked with `EXPLAIN QUERY PLAN` (PostgreSQL's:
 * `claim_lanes_pg_test.ts`); the lanes follow claims, holds, requeues and retries on both, and
 * stores made before them claim fairly once migrated.
 */
import assert from "node:assert/strict";
import type { Database } from "../storage/mod.ts";
import { SqliteDatabase } from "../storage/sqlite.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { claimPick, claimPickParams, OVER_CAP, trimStatement } from "./sql_claim.ts";
import { claim, jobsIn, newJob, withPersonas } from "./testing/fixture.ts";

Deno.test("the claim walks the persona lanes, then the persona's queue, not every due row; the trim reads its indexes (SQLite's plans)", async () => {
  const db = new SqliteDatabase(":memory:");
  try {
    await jobsIn(db);
    const plan = async (sql: string, ...params: (string | number)[]) =>
      (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, ...params))
        .map((step) => step.detail).join("; ");
    const pick = await plan(claimPick("sqlite"), ...claimPickParams(0, '["test"]'));
    // Each walk in the order of an index, so that it stops at its first due entry: no sort of
    // the queue, no persona's MAX(claimed_at) per row (attack32 M2).
    const [alone, persona, running] = pick.split("UNION ALL");
    assert.match(alone!, /SEARCH c USING INDEX jobs_queue_alone \(run_after<\?\)/, pick);
    assert.match(persona!, /SCAN w USING INDEX jobs_lanes_due/, pick);
    assert.match(
      persona!,
      /SEARCH d EXISTS USING INDEX jobs_persona_queue \(persona_id=\? AND run_after<\?\)/,
      pick,
    );
    assert.match(persona!, /SEARCH d USING INDEX jobs_persona_queue \(persona_id=\? AND/, pick);
    assert.doesNotMatch(`${alone}${persona}`, /TEMP B-TREE|jobs_claims|jobs_due|SCAN c\b/, pick);
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
        (await db.all<{ persona_id: string; lane_at: number; queued: number }>(
          "SELECT persona_id, lane_at, queued FROM jobs_persona_lanes ORDER BY persona_id",
        )).map((row) => [row.persona_id, [Number(row.lane_at), Number(row.queued)]]),
      );
    for (const n of [1, 2]) await repo.insert(newJob(n, { persona_id: "p_a" }));
    await repo.insert(newJob(3, { persona_id: null }));
    assert.deepEqual(await lanes(), { p_a: [0, 2] }, "never claimed; no lane for no persona");
    await repo.claimNext(claim("w1", 10_000));
    assert.deepEqual(await lanes(), { p_a: [10_000, 1] });
    await repo.insert(newJob(4, { persona_id: "p_a" }));
    assert.deepEqual(await lanes(), { p_a: [10_000, 2] }, "a new job joins its persona's lane");
    const error = { reason: "timeout", message: "slow" };
    await repo.requeue("job_1", "w1", {
      runAfter: 10_000,
      now: 10_500,
      error,
      waiting: null,
      countAttempt: true,
      holdUntil: 70_000,
    });
    assert.deepEqual(await lanes(), { p_a: [70_000, 3] }, "the hold");
    await repo.claimNext(claim("w1", 20_000));
    assert.equal((await repo.get("job_3"))?.state, "running", "the job of no persona first");
    await repo.fail("job_3", { worker: "w1", error, now: 20_000 });
    const a = await repo.claimNext(claim("w1", 30_000));
    assert.equal(a?.persona_id, "p_a");
    assert.deepEqual(await lanes(), { p_a: [70_000, 2] }, "a claim within the hold: held still");
    await repo.fail(a!.id, { worker: "w1", error, now: 30_000 });
    await repo.retryFailed({ now: 30_000 });
    assert.deepEqual(await lanes(), { p_a: [70_000, 3] }, "a retried job joins its lane again");
    assert.equal((await repo.get("job_3"))?.state, "queued", "a retried job of no persona");
    // Trimmed, and the persona deleted with its jobs: the count follows, the lane goes.
    const cap = { personaId: "p_a", kind: "test", keep: 1, error, now: 30_000 };
    assert.equal(await repo.trimQueued(cap), 2);
    assert.deepEqual(await lanes(), { p_a: [70_000, 1] });
    await db.run("DELETE FROM personas WHERE id = 'p_a'");
    assert.deepEqual(await lanes(), {});
  },
);

eachDatabase(
  "a claim writes its job and its persona's lane, not the persona's other queued jobs (review46 R11)",
  async (db) => {
    const repo = await jobsIn(db);
    await withPersonas(db, "p_a");
    for (let n = 1; n <= 300; n++) await repo.insert(newJob(n, { persona_id: "p_a" }));
    for (let n = 0; n < 3; n++) {
      const written = await rowsWritten(db, () => repo.claimNext(claim("w1", 10_000 + n)));
      // The claimed job, and the lane's one row (SQLite counts each of its two triggers' writes
      // of it); fix129/fix135 rewrote the 300 queued jobs.
      assert.ok(written <= 3, `${written} rows written by one claim`);
    }
  },
);

/** Rows `claim` wrote: SQLite's total_changes (triggers' writes included); PostgreSQL's xmin. */
async function rowsWritten(
  db: Database,
  run: () => Promise<{ id: string } | undefined>,
): Promise<number> {
  if (db.dialect === "sqlite") {
    const count = async () =>
      Number((await db.get<{ n: number }>("SELECT total_changes() AS n"))!.n);
    const before = await count();
    await run();
    return await count() - before;
  }
  const job = await run();
  const rows = await db.get<{ n: number }>(
    `SELECT (SELECT COUNT(*) FROM jobs WHERE xmin::text = x.id)
      + (SELECT COUNT(*) FROM jobs_persona_lanes WHERE xmin::text = x.id) AS n
     FROM (SELECT xmin::text AS id FROM jobs WHERE id = ?) x`,
    job!.id,
  );
  return Number(rows!.n);
}
