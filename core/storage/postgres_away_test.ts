/**
 * A PostgreSQL call outside a transaction gives the caller's connection turn back while it waits
 * on the database, and takes it again before the caller goes on (core/turn_away.ts); a call
 * inside a transaction keeps the turn its body runs on. Real PostgreSQL (TEST_DATABASE_URL).
 */
import assert from "node:assert/strict";
import { holdingTurn, type TurnClaim } from "../turn_away.ts";
import { PostgresDatabase } from "./postgres.ts";
import { POSTGRES_SKIPPED, testPostgresUrl } from "./testing/databases.ts";

const options = { ignore: POSTGRES_SKIPPED, sanitizeOps: false, sanitizeResources: false };

Deno.test({
  name:
    "a PostgreSQL query outside a transaction gives the turn back while it waits; inside one it keeps it",
  ...options,
}, async () => {
  const db = new PostgresDatabase({
    url: await testPostgresUrl(),
    poolSize: 1,
    idleTimeoutS: 0,
    connectTimeoutS: 10,
  });
  const log: string[] = [];
  const claim: TurnClaim = {
    leave: () => void log.push("leave"),
    back: () => void log.push("back"),
    fork: () => {},
    finished: () => {},
  };
  try {
    await holdingTurn(claim, async () => {
      const row = await db.get<{ n: number }>("SELECT 1 AS n");
      log.push(`read ${row?.n}`);
    });
    assert.deepEqual(log, ["leave", "back", "read 1"]);
    log.length = 0;
    await holdingTurn(claim, () => db.transaction(() => db.get("SELECT 2 AS n")));
    assert.deepEqual(log, [], "a transaction's calls keep the turn");
    await holdingTurn(claim, () =>
      db.transaction(async () => {
        await db.lock("fix155-away");
        (log as string[]).push("locked"); // narrowed to never[] by the assertion above
      }));
    assert.deepEqual(log, ["leave", "back", "locked"], "waiting for a lock gives the turn back");
  } finally {
    await db.close();
  }
});
