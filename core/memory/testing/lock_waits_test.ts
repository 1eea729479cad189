/**
 * `waitForLockWait` waits for a session blocked by the caller's own transaction: another
 * session's lock wait on the same server (another test file's, the suite shares one server) does
 * not end the wait, and the statement, when given, must match.
 */
import assert from "node:assert/strict";
import { PostgresDatabase } from "../../storage/postgres.ts";
import { POSTGRES_SKIPPED, testPostgresUrl } from "../../storage/testing/databases.ts";
import { lockHolder, waitFor } from "../../storage/testing/lock_holder.ts";
import { waitForLockWait } from "./lock_waits.ts";

/** Advisory lock keys of this test alone. */
const NOISE = 4242_0091;
const OURS = 4242_0092;

Deno.test({
  name: "waitForLockWait: another session's lock wait is not ours; a wait on our lock is",
  ignore: POSTGRES_SKIPPED,
}, async () => {
  const url = await testPostgresUrl();
  const open = () =>
    new PostgresDatabase({ url, poolSize: 2, idleTimeoutS: 60, connectTimeoutS: 10 });
  const [test, other, rival] = [open(), open(), open()];
  // Another file's session, waiting on a lock of its own meanwhile.
  const noise = await lockHolder(url, NOISE);
  const blocked = other.get(waitFor(NOISE)).catch(() => {});
  let ours: Promise<unknown> | undefined;
  try {
    await noise.waiters(1);
    await test.transaction(async () => {
      await test.get(`SELECT pg_advisory_xact_lock(${OURS})`);
      await assert.rejects(
        waitForLockWait(test, { what: "nobody of ours", tries: 20 }),
        /nobody of ours never waited for the lock/,
        "another session's wait, on a lock we do not hold",
      );
      ours = rival.get(waitFor(OURS)).catch(() => {});
      await assert.rejects(
        waitForLockWait(test, { what: "a statement", statement: "UPDATE", tries: 20 }),
        /a statement never waited/,
        "blocked by us, in another statement",
      );
      await waitForLockWait(test, { what: "the shared lock", statement: "lock_shared" });
    });
  } finally {
    await noise.close();
    await Promise.all([blocked, ours]);
    await Promise.all([test, other, rival].map((db) => db.close()));
  }
});
