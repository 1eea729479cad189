/**
 * Waiting, in a PostgreSQL race test, until another session is blocked on a lock: the moment
 * the test's own conflicting step must run.
 *
 * @module
 */
import type { PostgresDatabase } from "../../storage/mod.ts";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once another session of `db`'s server waits for a lock (polled every 10 ms, up to
 * 10 s) — with `statement`, a session whose waiting statement contains it: the test suite runs
 * files in parallel on one server, and another file's session may be waiting too — else throws
 * `what never waited for the lock`.
 */
export async function waitForLockWait(
  db: PostgresDatabase,
  what: string,
  statement = "",
): Promise<void> {
  for (let tries = 0; tries < 1_000; tries++) {
    const row = await db.get<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM pg_stat_activity
       WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid() AND strpos(query, ?) > 0`,
      statement,
    );
    if ((row?.n ?? 0) > 0) return;
    await delay(10);
  }
  throw new Error(`${what} never waited for the lock`);
}
