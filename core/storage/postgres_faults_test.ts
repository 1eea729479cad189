/**
 * PostgreSQL's disk full (SQLSTATE 53100, raised here by the real server from a statement):
 * answered as `StorageUnavailable` with `data.reason: "disk_full"` and a hint, not as an unknown
 * error, and the database's health says `degraded` until a write succeeds again, a plain one or
 * a committed transaction (attack24 F1).
 *
 * @module
 */
import assert from "node:assert/strict";
import { StorageUnavailable } from "../errors.ts";
import { PostgresDatabase } from "./postgres.ts";
import { POSTGRES_SKIPPED, testPostgresUrl } from "./testing/databases.ts";

Deno.test({
  name: "PostgreSQL disk full (53100): StorageUnavailable disk_full, health degraded until a write",
  ignore: POSTGRES_SKIPPED,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const url = await testPostgresUrl();
  const db = new PostgresDatabase({ url, poolSize: 2, idleTimeoutS: 60, connectTimeoutS: 10 });
  try {
    const full = "DO $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' " +
      "USING ERRCODE = '53100'; END $$";
    for (const attempt of [() => db.exec(full), () => db.transaction(() => db.exec(full))]) {
      const error = await attempt().catch((e) => e);
      assert.ok(error instanceof StorageUnavailable, String(error));
      const data = error.data as { reason: string; hint: string; retry_after_ms: number };
      assert.equal(data.reason, "disk_full");
      assert.match(data.hint, /free space/);
      assert.match(error.message, /disk holding the database is full/);
    }
    assert.equal((await db.health()).degraded, "disk_full");
    await db.run("SELECT 1");
    assert.equal((await db.health()).degraded, undefined);
    // A committed transaction ends it as well as a plain write.
    assert.ok(await db.exec(full).catch((e) => e) instanceof StorageUnavailable);
    assert.equal((await db.health()).degraded, "disk_full");
    await db.transaction(() => db.get("SELECT 1 AS ok"));
    assert.equal((await db.health()).degraded, undefined);
  } finally {
    await db.close();
  }
});
