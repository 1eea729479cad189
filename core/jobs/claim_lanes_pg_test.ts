/**
 * PostgreSQL's claim walks `jobs_lanes` as SQLite's does (fix135): its former pick took each
 * persona's head with `DISTINCT ON` over every due row (a `Seq Scan on jobs`, 77 ms at 50,000
 * due jobs of 500 personas). Checked here: the plan at that size, nodes claiming at once (the
 * triggers move a persona's lane without waiting on each other), and a store made before the
 * lanes (`jobs_6_lanes_pg` fills them from its claims).
 */
import assert from "node:assert/strict";
import type { Database } from "../storage/mod.ts";
import { onPostgres, testPostgresDatabase, testSchema } from "../storage/testing/databases.ts";
import { POSTGRES_SKIPPED } from "../storage/testing/databases.ts";
import { claimPick, claimStatement } from "./sql_claim.ts";
import { jobMigrations, SqlJobRepository } from "./sql_repository.ts";
import { claim, jobsIn, newJob, withPersonas } from "./testing/fixture.ts";
import { personaMigrations } from "../personas/mod.ts";
import { storageMigrations } from "../storage/mod.ts";

/** `personas` personas and `jobs` due jobs of kind "test" spread over them, written in bulk. */
async function backlog(db: Database, jobs: number, personas: number): Promise<void> {
  await db.exec(`INSERT INTO personas (id, name, personality_traits, created_at, updated_at)
    SELECT 'p' || g, 'p' || g, '{}', '2026-01-01', '2026-01-01' FROM generate_series(0, ${
    personas - 1
  }) g`);
  await db.exec(`INSERT INTO jobs (id, kind, persona_id, key, payload, state, max_attempts,
      run_after, created_at, updated_at)
    SELECT 'j' || g, 'test', 'p' || (g % ${personas}), 'k' || g, '{}', 'queued', 3, g, g, g
    FROM generate_series(0, ${jobs - 1}) g`);
}

onPostgres(
  "the claim walks jobs_lanes, no Seq Scan on jobs, at 50,000 due jobs of 500 personas (PostgreSQL's plan)",
  async (db) => {
    const repo = await jobsIn(db);
    await backlog(db, 50_000, 500);
    // Some personas claimed (their lanes move up), as a running server's backlog has them.
    for (let n = 0; n < 20; n++) await repo.claimNext(claim("w1", 1_000_000 + n));
    await db.exec("ANALYZE jobs");
    const now = 2_000_000;
    const params = ["w2", now + 1000, now, now, '["test"]', now, '["test"]', now, now, now];
    const plan = (await db.all<{ "QUERY PLAN": string }>(
      `EXPLAIN ${claimStatement("postgres")}`,
      ...params,
    )).map((row) => row["QUERY PLAN"]).join("\n");
    assert.match(plan, /Index Scan using jobs_lanes on jobs/, plan);
    assert.doesNotMatch(plan, /Seq Scan on jobs/, plan);
    assert.doesNotMatch(plan, /Bitmap Heap Scan on jobs/, plan);
    // Run, the walk stops at its first due entry: one row of jobs_lanes read, not 50,000.
    const ran = (await db.all<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${claimPick("postgres")}`,
      '["test"]',
      now,
      '["test"]',
      now,
    )).map((row) => row["QUERY PLAN"]).join("\n");
    const walk = ran.match(/Index Scan using jobs_lanes on jobs c \(actual rows=(\d+) loops=1\)/);
    assert.ok(walk, ran);
    assert.ok(Number(walk[1]) <= 2, ran);
    const next = await repo.claimNext(claim("w2", now));
    assert.equal(next?.persona_id, "p20", "the first persona never claimed, its first job");
    assert.equal(next?.id, "j20");
  },
);

Deno.test({
  name:
    "four nodes claiming one persona's jobs at once never deadlock nor claim a job twice [postgres]",
  ignore: POSTGRES_SKIPPED,
  fn: async () => {
    const schema = await testSchema();
    const nodes = [0, 1, 2, 3].map(() => testPostgresDatabase(schema.url));
    try {
      const first = await jobsIn(nodes[0]!);
      await withPersonas(nodes[0]!, "p_a", "p_b", "p_c");
      for (let n = 0; n < 240; n++) {
        await first.insert(newJob(n, { persona_id: ["p_a", "p_b", "p_c"][n % 3]! }));
      }
      const repos = nodes.map((node) => new SqlJobRepository(node));
      const claimed: string[] = [];
      let clock = 10_000;
      // Each claim a new time, so that every claim moves its persona's lane (the triggers'
      // writes of other rows, where two nodes could wait on each other).
      await Promise.all([...repos, ...repos].map(async (repo, i) => {
        for (;;) {
          const job = await repo.claimNext(claim(`w${i}`, clock++));
          if (!job) return;
          claimed.push(job.id);
          await repo.complete(job.id, { worker: `w${i}`, result: {}, now: clock });
        }
      }));
      assert.equal(claimed.length, 240);
      assert.equal(new Set(claimed).size, 240);
      assert.equal((await first.counts()).done, 240);
    } finally {
      for (const node of nodes) await node.close();
      await schema.drop();
    }
  },
});

onPostgres(
  "a store made before the lanes gets them from its claims and claims fairly (jobs_6_lanes_pg)",
  async (db) => {
    const before = jobMigrations.filter((migration) => migration.name !== "jobs_6_lanes_pg");
    await db.migrate([...storageMigrations, ...personaMigrations, ...before]);
    await withPersonas(db, "p_a", "p_b", "p_c");
    const old = new SqlJobRepository(db);
    for (const [n, persona] of [[1, "p_a"], [2, "p_a"], [3, "p_b"], [4, "p_b"], [5, "p_c"]]) {
      await old.insert(newJob(n as number, { persona_id: persona as string }));
    }
    // As the former claim left them: p_b claimed at 300, p_a at 200, p_c never.
    await db.run("UPDATE jobs SET state = 'done', claimed_at = 200 WHERE id = 'job_1'");
    await db.run("UPDATE jobs SET state = 'done', claimed_at = 300 WHERE id = 'job_3'");
    const repo = await jobsIn(db);
    const order: string[] = [];
    for (let now = 10_000; now < 10_004; now++) {
      const job = await repo.claimNext(claim("w1", now));
      order.push(job?.id ?? "none");
      if (job) await repo.complete(job.id, { worker: "w1", result: {}, now });
    }
    assert.deepEqual(order, ["job_5", "job_2", "job_4", "none"]);
  },
);
