/**
 * `waitForLockWait` waits for a session blocked by the caller's own transaction: another
 * session's lock wait on the same server (another test file's, the suite shares one server) does
 * not end the wait, and the statement, when given, must match.
 */
import assert from "node:assert/strict";
import { PostgresDatabase } from "../../storage/postgres.ts";
import { POSTGRES_SKIPPED, testPostgresUrl } from "../../storage/testing/databases.ts";
import { waitForLockWait } from "./lock_waits.ts";

/** Advisory lock keys of this test alone. */
const NOISE = 4242_0091;
const OURS = 4242_0092;

function open(url: string): PostgresDatabase {
  return new PostgresDatabase({ url, poolSize: 2, idleTimeoutS: 60, connectTimeoutS: 10 });
}

/** Resolves once a session waits on advisory lock `key` (seen from `db`). */
async function waiting(db: PostgresDatabase, key: number): Promise<void> {
  for (;;) {
    const row = await db.get<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = ?",
      key,
    );
    if ((row?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

Deno.test({
  name: "waitForLockWait: another session's lock wait is not ours; a wait on our lock is",
  ignore: POSTGRES_SKIPPED,
}, async () => {
  const url = await testPostgresUrl();
  const [noise, test, other, rival] = [open(url), open(url), open(url), open(url)];
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  let held!: () => void;
  const holds = new Promise<void>((resolve) => held = resolve);
  const holding = noise.transaction(async () => {
    await noise.get(`SELECT pg_advisory_xact_lock(${NOISE})`);
    held();
    await released;
  });
  await holds;
  // Another file's session, waiting on a lock of its own meanwhile.
  const blocked = other.get(`SELECT pg_advisory_lock(${NOISE}) AS noise`);
  let ours: Promise<unknown> | undefined;
  try {
    await waiting(test, NOISE);
    await test.transaction(async () => {
      await test.get(`SELECT pg_advisory_xact_lock(${OURS})`);
      await assert.rejects(
        waitForLockWait(test, { what: "nobody of ours", tries: 20 }),
        /nobody of ours never waited for the lock/,
        "another session's wait, on a lock we do not hold",
      );
      ours = rival.get(`SELECT pg_advisory_xact_lock_shared(${OURS}) AS ours`);
      await assert.rejects(
        waitForLockWait(test, { what: "a statement", statement: "UPDATE", tries: 20 }),
        /a statement never waited/,
        "blocked by us, in another statement",
      );
      await waitForLockWait(test, { what: "the shared lock", statement: "lock_shared" });
    });
  } finally {
    release();
    await holding.catch(() => {});
    await ours?.catch(() => {});
    await other.get(`SELECT pg_advisory_unlock(${NOISE}) AS done`).catch(() => {});
    await blocked.catch(() => {});
    await Promise.all([noise, test, other, rival].map((db) => db.close()));
  }
});
