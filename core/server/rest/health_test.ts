/**
 * `GET /api/health`'s database check: a PostgreSQL node whose every pooled connection waits on
 * a lock is still "ok" (the check runs on a connection of its own) and reports the pool's load
 * (attack16 F5); SQLite's answer keeps its shape with `storage.status`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { buildServer } from "../server.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";
import { PostgresDatabase } from "../../storage/postgres.ts";
import { POSTGRES_SKIPPED, testPostgresUrl } from "../../storage/testing/databases.ts";
import { databaseHealth } from "./health.ts";
import { Busy } from "../../errors.ts";
import { lockHolder, waitFor } from "../../storage/testing/lock_holder.ts";

/** An advisory lock the test holds while the node's calls wait on it. */
const LOCK = 4242_0072;

Deno.test({
  name: "health: a saturated PostgreSQL pool is up, its load reported beside it",
  ignore: POSTGRES_SKIPPED,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const url = await testPostgresUrl();
  const holder = new PostgresDatabase({ url, poolSize: 2, idleTimeoutS: 0, connectTimeoutS: 10 });
  const db = new PostgresDatabase({ url, poolSize: 2, idleTimeoutS: 60, connectTimeoutS: 10 });
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  let held!: () => void;
  const holding = new Promise<void>((resolve) => held = resolve);
  const holderDone = holder.transaction(async () => {
    await holder.get(`SELECT pg_advisory_xact_lock(${LOCK})`);
    held();
    await released;
  });
  try {
    await holding;
    const waiting = [
      db.get(`SELECT pg_advisory_xact_lock_shared(${LOCK})`),
      db.transaction(() => db.get(`SELECT pg_advisory_xact_lock_shared(${LOCK})`)),
      db.get("SELECT 1 AS queued"),
    ];
    for (;;) {
      const row = await holder.get<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = ?",
        LOCK,
      );
      if ((row?.n ?? 0) >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const health = await databaseHealth(db);
    assert.deepEqual(health, {
      database: "ok",
      storage: { status: "up", pool: { size: 2, busy: 2, waiting: 1 } },
    });
    release();
    await holderDone;
    await Promise.all(waiting);
    const idle = await databaseHealth(db);
    assert.deepEqual(idle, {
      database: "ok",
      storage: { status: "up", pool: { size: 2, busy: 0, waiting: 0 } },
    });
  } finally {
    release();
    await holderDone.catch(() => {});
    await db.close();
    await holder.close();
  }
  assert.deepEqual(await databaseHealth(db), {
    database: "closed",
    storage: { status: "closed" },
  });
});

Deno.test({
  name: "health: a PostgreSQL pool whose queue is full (calls refused) is degraded",
  ignore: POSTGRES_SKIPPED,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const url = await testPostgresUrl();
  const lock = 4242_0073;
  const holder = await lockHolder(url, lock);
  const db = new PostgresDatabase({
    url,
    poolSize: 1,
    poolQueue: 1,
    idleTimeoutS: 60,
    connectTimeoutS: 10,
  });
  try {
    const waiting = [db.get(waitFor(lock)), db.get("SELECT 1 AS queued")];
    await holder.waiters(1);
    const refused = await db.get("SELECT 1").catch((error) => error);
    assert.ok(refused instanceof Busy, "the queue is full: calls are refused");
    assert.deepEqual(await databaseHealth(db), {
      database: "ok",
      storage: {
        status: "degraded",
        reason: "pool_saturated",
        pool: { size: 1, busy: 1, waiting: 1 },
      },
    });
    await holder.release();
    await Promise.all(waiting);
    assert.deepEqual(await databaseHealth(db), {
      database: "ok",
      storage: { status: "up", pool: { size: 1, busy: 0, waiting: 0 } },
    });
  } finally {
    await holder.close();
    await db.close();
  }
});

Deno.test("GET /api/health on SQLite: 200 healthy, database ok, storage up", async () => {
  const parts = await buildServer(testConfig({}), {
    log: testLogger(),
    databasePath: ":memory:",
  });
  try {
    const response = await parts.rest.request("/api/health");
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.status, "healthy");
    assert.deepEqual(body.components, { database: "ok" });
    assert.deepEqual(body.storage, { status: "up" });
  } finally {
    await parts.services.db.close();
  }
});
