/**
 * Test support for the job runner's tests: a runner over SQLite with short retries and polls, a
 * handler of numbered jobs, and a poll until a condition holds.
 *
 * @module
 */
import { z } from "zod";
import { systemClock } from "../../clock.ts";
import { LlmUnavailable } from "../../errors.ts";
import { createLogger } from "../../log.ts";
import { personaMigrations } from "../../personas/mod.ts";
import { SqliteDatabase } from "../../storage/mod.ts";
import type { JobHandler } from "../handler.ts";
import { JobRunner } from "../runner.ts";
import type { RunnerSettings } from "../runner_types.ts";
import { jobMigrations, SqlJobRepository } from "../sql_repository.ts";

/** A logger that writes nothing. */
export const quiet = createLogger("error", { write: () => {} });

/** Runner settings for tests: retries in ms, polls every 50 ms. */
export const SETTINGS: RunnerSettings = {
  maxAttempts: 3,
  retryBaseMs: 20,
  leaseMs: 5_000,
  concurrency: 1,
  retentionMs: 86_400_000,
  pollMs: 50,
  queueCap: 200,
};

/**
 * A runner over a migrated SQLite database at `path` (in memory by default) whose jobs wait while
 * the model is unreachable.
 */
export async function setup(path = ":memory:", settings: Partial<RunnerSettings> = {}) {
  const db = new SqliteDatabase(path);
  await db.migrate([...personaMigrations, ...jobMigrations]);
  const repository = new SqlJobRepository(db);
  const runner = new JobRunner({
    repository,
    clock: systemClock,
    log: quiet,
    settings: { ...SETTINGS, ...settings },
    waitReason: (error) =>
      error instanceof LlmUnavailable &&
        (error.data as { reason?: string }).reason === "unreachable"
        ? "model unreachable"
        : null,
  });
  return { db, repository, runner };
}

/** Resolves once `check` holds (polling), or fails after `ms`. */
export async function until(check: () => Promise<boolean> | boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A handler of `kind` whose jobs carry a number `n`, run by `run`. */
export function handler(
  kind: string,
  run: (n: number, signal: AbortSignal) => Promise<Record<string, unknown>>,
): JobHandler<{ n: number }> {
  return {
    kind,
    payload: z.strictObject({ n: z.number() }),
    run: ({ payload, signal }) => run(payload.n, signal),
  };
}
