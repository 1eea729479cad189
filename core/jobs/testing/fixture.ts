/**
 * Set-up shared by the job queue's tests (`sql_repository_test.ts`, `fair_claim_test.ts`,
 * `queue_cap_test.ts`): a migrated repository, numbered jobs, claim arguments and persona rows.
 *
 * @module
 */
import { personaMigrations } from "../../personas/mod.ts";
import { type Database, storageMigrations } from "../../storage/mod.ts";
import type { NewJob } from "../repository.ts";
import { jobMigrations, SqlJobRepository } from "../sql_repository.ts";

/** Migrates `db` for jobs (and the personas they may name) and returns its repository. */
export async function jobsIn(db: Database): Promise<SqlJobRepository> {
  await db.migrate([...storageMigrations, ...personaMigrations, ...jobMigrations]);
  return new SqlJobRepository(db);
}

/** Job number `n` of kind "test", due at once, created at 1000 + n; `fields` override. */
export function newJob(n: number, fields: Partial<NewJob> = {}): NewJob {
  return {
    id: `job_${n}`,
    kind: "test",
    persona_id: null,
    key: `key_${n}`,
    batch_key: null,
    payload: { n },
    max_attempts: 3,
    run_after: 0,
    created_at: 1000 + n,
    ...fields,
  };
}

/** The arguments of a claim by `worker` at `now` with a 1 s lease. */
export const claim = (worker: string, now = 10_000, kinds = ["test"]) => ({
  kinds,
  worker,
  now,
  leaseMs: 1000,
});

/** Inserts a persona row named as its id for each of `ids`. */
export async function withPersonas(db: Database, ...ids: string[]): Promise<void> {
  for (const id of ids) {
    await db.run(
      "INSERT INTO personas (id, name, personality_traits, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
      id,
      id,
      "{}",
      "2026-01-01T00:00:00Z",
      "2026-01-01T00:00:00Z",
    );
  }
}
