/**
 * PostgreSQL's disk full ends with a committed transaction as with a plain write (`postgres.ts`
 * `transaction`): health is no longer degraded once one commits.
 *
 * @module
 */
import assert from "node:assert/strict";
import { StorageUnavailable } from "../errors.ts";
import { PostgresDatabase } from "./postgres.ts";
import { POSTGRES_SKIPPED, testPostgresUrl } from "./testing/databases.ts";

Deno.test({
  name: "PostgreSQL disk full: a transaction that commits ends degraded health",
  ignore: POSTGRES_SKIPPED,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const url = await testPostgresUrl();
  const db = new PostgresDatabase({ url, poolSize: 2, idleTimeoutS: 60, connectTimeoutS: 10 });
  try {
    const full = "DO $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' " +
      "USING ERRCODE = '53100'; END $$";
    assert.ok(await db.exec(full).catch((e) => e) instanceof StorageUnavailable);
    assert.equal((await db.health()).degraded, "disk_full");
    await db.transaction(() => db.get("SELECT 1 AS ok"));
    assert.equal((await db.health()).degraded, undefined);
  } finally {
    await db.close();
  }
});
