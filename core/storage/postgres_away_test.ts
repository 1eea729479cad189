/**
 * A PostgreSQL call outside a transaction gives the caller's connection turn back while it waits
 * on the database, and takes it again before the caller goes on (core/turn_away.ts); so does a
 * transaction while it waits for a pooled connection. A call inside a transaction keeps the turn
 * its body runs on, and so does taking a free advisory lock: only waiting for one another
 * transaction holds gives the turn back. A wait that ends holding the pooled connection (the
 * transaction's, the lock's) goes on at once, past the turn limit. Real PostgreSQL
 * (TEST_DATABASE_URL).
 */
import assert from "node:assert/strict";
import { holdingTurn } from "../turn_away.ts";
import { PostgresDatabase } from "./postgres.ts";
import { POSTGRES_SKIPPED, testPostgresUrl } from "./testing/databases.ts";
import { loggedClaim } from "../testing/logged_claim.ts";
import { holdOnlyConnection, oneConnectionDatabase } from "./testing/one_connection.ts";

const options = { ignore: POSTGRES_SKIPPED, sanitizeOps: false, sanitizeResources: false };

/**
 * Runs `work` with a database on one pooled connection (`poolQueue` as given), so a second
 * transaction must wait, and a claim noting its turn's leave and back in `log`; closes it after.
 */
async function onOneConnection(
  work: (
    db: PostgresDatabase,
    log: string[],
    claim: ReturnType<typeof loggedClaim>,
  ) => Promise<void>,
  poolQueue?: number,
): Promise<void> {
  const db = await oneConnectionDatabase({ poolQueue });
  const log: string[] = [];
  try {
    await work(db, log, loggedClaim(log));
  } finally {
    await db.close();
  }
}

Deno.test({
  name:
    "a PostgreSQL query outside a transaction gives the turn back while it waits; inside one it keeps it",
  ...options,
}, async () => {
  await onOneConnection(async (db, log, claim) => {
    await holdingTurn(claim, async () => {
      const row = await db.get<{ n: number }>("SELECT 1 AS n");
      log.push(`read ${row?.n}`);
    });
    assert.deepEqual(log, ["leave", "back", "read 1"]);
    log.length = 0;
    await holdingTurn(claim, () =>
      db.transaction(async () => {
        log.push("body");
        await db.get("SELECT 2 AS n");
        await db.get("SELECT 3 AS n");
        log.push("body done");
      }));
    assert.deepEqual(
      log,
      ["leave", "back at once", "body", "body done"],
      "only the wait for a connection gives the turn back: the body's calls keep it",
    );
  });
});

Deno.test({
  name: "a transaction waiting for a pooled connection gives the turn back until it has one",
  ...options,
}, async () => {
  await onOneConnection(async (db, log, claim) => {
    const holder = await holdOnlyConnection(db);
    const waiter = holdingTurn(
      claim,
      () => db.transaction(() => Promise.resolve(void log.push("body"))),
    );
    // The waiter asked for the connection and gave its turn back; it has not begun.
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(log, ["leave"], "away while the pool has no connection for it");
    holder.release();
    await holder.done;
    await waiter;
    assert.deepEqual(log, ["leave", "back at once", "body"], "holding the connection: at once");
  });
});

Deno.test({
  name: "a transaction refused by a full pool queue takes its turn back before it throws",
  ...options,
}, async () => {
  await onOneConnection(async (db, log, claim) => {
    const holder = await holdOnlyConnection(db);
    await assert.rejects(
      holdingTurn(claim, () => db.transaction(() => Promise.resolve(void log.push("body")))),
      /queue for them is full/,
    );
    assert.deepEqual(log, ["leave", "back"], "refused: never began, and back on turn");
    holder.release();
    await holder.done;
  }, 0);
});

/** How long the holder looks for the locker's wait before it lets go anyway (a bound, no assertion). */
const WAIT_LOOKS = 500;

Deno.test({
  name:
    "an advisory lock keeps the turn when it is free, gives it back while another holds it, and goes on at once once taken",
  ...options,
}, async () => {
  const settings = { url: await testPostgresUrl(), idleTimeoutS: 0, connectTimeoutS: 10 };
  const db = new PostgresDatabase({ ...settings, poolSize: 1 });
  const holder = new PostgresDatabase({ ...settings, poolSize: 1 });
  const key = `fix157-${crypto.randomUUID()}`;
  const log: string[] = [];
  const claim = loggedClaim(log);
  try {
    await holdingTurn(claim, () =>
      db.transaction(async () => {
        log.push("begun");
        await db.lock(key);
        log.push("locked");
      }));
    // The leave and back before "begun" are the wait for a pooled connection.
    assert.deepEqual(
      log,
      ["leave", "back at once", "begun", "locked"],
      "a free lock is taken keeping the turn",
    );
    log.length = 0;

    let held!: () => void;
    const holding = new Promise<void>((resolve) => held = resolve);
    let lockerPid: number | undefined;
    const holderDone = holder.transaction(async () => {
      await holder.lock(key);
      held();
      // Lets go once the locker really waits on this lock (PostgreSQL lists its ungranted lock).
      for (let look = 0; look < WAIT_LOOKS; look++) {
        const waiting = lockerPid !== undefined && await holder.get(
          "SELECT 1 AS n FROM pg_locks WHERE pid = $1 AND NOT granted",
          lockerPid,
        );
        if (waiting) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
    await holding;
    await holdingTurn(claim, () =>
      db.transaction(async () => {
        log.push("begun");
        lockerPid = (await db.get<{ pid: number }>("SELECT pg_backend_pid() AS pid"))?.pid;
        await db.lock(key);
        log.push("locked");
      }));
    await holderDone;
    // Back at once: the transaction holds its connection (and now the lock), which others wait
    // for; waiting for a turn would keep them idle (fix161 left this wait out).
    assert.deepEqual(
      log,
      ["leave", "back at once", "begun", "leave", "back at once", "locked"],
      "waiting for a held lock gives the turn back, and the transaction goes on at once after it",
    );
  } finally {
    await db.close();
    await holder.close();
  }
});
