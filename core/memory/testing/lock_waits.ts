/**
 * Waiting, in a PostgreSQL race test, until another session is blocked on a lock the test holds:
 * the moment the test's own conflicting step must run.
 *
 * @module
 */
import type { PostgresDatabase } from "../../storage/mod.ts";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What {@linkcode waitForLockWait} waits for. */
export interface LockWait {
  /** Who should wait, for the error when nobody does: `${what} never waited for the lock`. */
  what: string;
  /** Text the waiting session's statement contains (any, by default). */
  statement?: string;
  /** Polls before giving up, 10 ms apart (1,000 by default: 10 s). */
  tries?: number;
}

/**
 * Resolves once another session of `db`'s server is blocked by the calling one (called inside
 * the transaction that holds the lock: `pg_blocking_pids` names its backend) and, with
 * `wait.statement`, waits in a statement that contains it; polled every 10 ms, up to 10 s
 * (`wait.tries`), then throws. Only a wait on this very transaction counts: the test suite runs files in parallel on
 * one server, and another file's session may be waiting on a lock of its own meanwhile (and the
 * statement alone may not tell: a wait at `commit` is any transaction's).
 */
export async function waitForLockWait(db: PostgresDatabase, wait: LockWait): Promise<void> {
  for (let tries = 0; tries < (wait.tries ?? 1_000); tries++) {
    // Inside a transaction PostgreSQL reads pg_stat_activity once and keeps that snapshot: each
    // poll must look afresh, or a wait that began after the first poll is never seen.
    await db.get("SELECT pg_stat_clear_snapshot()");
    const row = await db.get<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM pg_stat_activity
       WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()
         AND pg_backend_pid() = ANY(pg_blocking_pids(pid)) AND strpos(query, ?) > 0`,
      wait.statement ?? "",
    );
    if ((row?.n ?? 0) > 0) return;
    await delay(10);
  }
  throw new Error(`${wait.what} never waited for the lock`);
}
