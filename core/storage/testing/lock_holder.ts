/**
 * Another client holding an advisory lock on the test PostgreSQL, on which the node's calls wait
 * (each holding a pooled connection meanwhile): how the storage's tests saturate a pool.
 *
 * @module
 */
import { PostgresDatabase } from "../postgres.ts";

/** The lock the tests hold unless they name another. */
export const TEST_LOCK = 4242_0068;

/** A statement that waits for `lock` (shared, so many callers may wait on it at once). */
export function waitFor(lock: number = TEST_LOCK): string {
  return `SELECT pg_advisory_xact_lock_shared(${lock})`;
}

/** A holder of `lock` until `release()` or `close()`. */
export interface LockHolder {
  /** The holder's own database (two connections). */
  readonly admin: PostgresDatabase;
  /** Resolves once `count` sessions wait on the lock. */
  waiters(count: number): Promise<void>;
  /** Lets the waiters go. */
  release(): Promise<void>;
  /** Lets them go (if still held) and closes the holder's database. */
  close(): Promise<void>;
}

/** Takes `lock` on a client of its own to `url` and holds it. */
export async function lockHolder(url: string, lock: number = TEST_LOCK): Promise<LockHolder> {
  const admin = new PostgresDatabase({ url, poolSize: 2, idleTimeoutS: 0, connectTimeoutS: 10 });
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  let held!: () => void;
  const holding = new Promise<void>((resolve) => held = resolve);
  const done = admin.transaction(async () => {
    await admin.get(`SELECT pg_advisory_xact_lock(${lock})`);
    held();
    await released;
  });
  await holding;
  return {
    admin,
    async waiters(count: number) {
      for (;;) {
        const row = await admin.get<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = ?",
          lock,
        );
        if ((row?.n ?? 0) >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async release() {
      release();
      await done;
    },
    async close() {
      release();
      await done.catch(() => {});
      await admin.close();
    },
  };
}

/** `promise`'s outcome as a value: `{value}` or `{error}`. */
export function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then((value) => ({ value }), (error) => ({ error }));
}
