/**
 * The cost of one job claim over a backlog: due jobs spread over personas (default 5,000 of 50),
 * claims timed one by one, median and p90 in ms. Run it in two trees, alternately, to compare
 * (each tree's own code is imported):
 *
 *   deno run -A --config TREE/deno.json tests/bench/job_claim.ts TREE [postgres://…/postgres]
 *     [--jobs N] [--personas P] [--claims C]
 *
 * With a PostgreSQL URL, a fresh database is made there for the run (and dropped after). The
 * backlog is written in transactions of 1,000 jobs through the tree's own repository (its
 * triggers and indexes as a server keeps them), then `ANALYZE`d on PostgreSQL as autovacuum would.
 */
import { numberFlag } from "./_load.ts";

const tree = Deno.args[0] ?? new URL("../..", import.meta.url).pathname;
const pgUrl = Deno.args[1]?.startsWith("postgres") ? Deno.args[1] : undefined;
const JOBS = numberFlag(Deno.args, "jobs", 5_000);
const PERSONAS = numberFlag(Deno.args, "personas", 50);
const CLAIMS = numberFlag(Deno.args, "claims", 200);

const storage = await import(`${tree}/core/storage/mod.ts`);
const { personaMigrations } = await import(`${tree}/core/personas/mod.ts`);
const { jobMigrations, SqlJobRepository } = await import(`${tree}/core/jobs/sql_repository.ts`);

async function open() {
  if (!pgUrl) return { db: new storage.SqliteDatabase(":memory:"), drop: async () => {} };
  const { PostgresDatabase } = await import(`${tree}/core/storage/postgres.ts`);
  const options = { poolSize: 1, idleTimeoutS: 0, connectTimeoutS: 10 };
  const admin = new PostgresDatabase({ url: pgUrl, ...options });
  const name = `bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await admin.exec(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    db: new PostgresDatabase({ url: url.href, ...options }),
    drop: async () => {
      await admin.exec(`DROP DATABASE ${name}`);
      await admin.close();
    },
  };
}

const { db, drop } = await open();
await db.migrate([...storage.storageMigrations, ...personaMigrations, ...jobMigrations]);
const repo = new SqlJobRepository(db);
for (let p = 0; p < PERSONAS; p++) {
  await db.run(
    "INSERT INTO personas (id, name, personality_traits, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
    `p${p}`,
    `p${p}`,
    "{}",
    "2026-01-01T00:00:00Z",
    "2026-01-01T00:00:00Z",
  );
}
for (let start = 0; start < JOBS; start += 1_000) {
  await db.transaction(async () => {
    for (let n = start; n < Math.min(JOBS, start + 1_000); n++) {
      await repo.insert({
        id: `j${n}`,
        kind: "k",
        persona_id: `p${n % PERSONAS}`,
        key: `k${n}`,
        batch_key: null,
        payload: {},
        max_attempts: 3,
        run_after: n,
        created_at: n,
      });
    }
  });
}
if (pgUrl) await db.exec("ANALYZE jobs");
const times: number[] = [];
for (let i = 0; i < CLAIMS; i++) {
  const now = 1e9 + i;
  const started = performance.now();
  const job = await repo.claimNext({ kinds: ["k"], worker: "w", now, leaseMs: 1000 });
  times.push(performance.now() - started);
  await repo.complete(job.id, { worker: "w", result: {}, now });
}
await db.close();
await drop();
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(3);
console.log(
  `${pgUrl ? "postgres" : "sqlite"} ${tree} ${JOBS} jobs / ${PERSONAS} personas: ` +
    `claim median ${at(0.5)} ms, p90 ${at(0.9)} ms`,
);
