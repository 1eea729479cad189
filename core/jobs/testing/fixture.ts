/**
 * Set-up shared by the job queue's tests (`sql_repository_test.ts`, `fair_claim_test.ts`,
 * `queue_cap_test.ts`): a migrated repository, numbered jobs, claim arguments and persona rows;
 * and a running job for the rules that read one (`outcome_test.ts`, `give_ways_mutation_test.ts`).
 *
 * @module
 */
import { personaMigrations } from "../../personas/mod.ts";
import { type Database, storageMigrations } from "../../storage/mod.ts";
import type { NewJob } from "../repository.ts";
import type { Job } from "../schema.ts";
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

/** A job in its first attempt of three, leased to worker "w", all times 0; `fields` override. */
export function runningJob(fields: Partial<Job> = {}): Job {
  return {
    id: "j",
    kind: "k",
    persona_id: null,
    key: "key",
    batch_key: null,
    payload: {},
    state: "running",
    attempts: 1,
    max_attempts: 3,
    run_after: 0,
    lease_until: null,
    worker: "w",
    last_error: null,
    waiting: null,
    result: null,
    created_at: 0,
    updated_at: 0,
    finished_at: null,
    ...fields,
  };
}
