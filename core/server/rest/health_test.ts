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
import { Busy } from "../../errors.ts";
import { lockHolder, waitFor } from "../../storage/testing/lock_holder.ts";
import { databaseHealth, sharedDatabaseHealth } from "./health.ts";

/** An advisory lock the test holds while the node's calls wait on it. */
const LOCK = 4242_0072;

Deno.test({
  name: "health: a saturated PostgreSQL pool is up, its load reported beside it",
  ignore: POSTGRES_SKIPPED,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const url = await testPostgresUrl();
  const holder = await lockHolder(url, LOCK);
  const db = new PostgresDatabase({ url, poolSize: 2, idleTimeoutS: 60, connectTimeoutS: 10 });
  try {
    const waiting = [
      db.get(waitFor(LOCK)),
      db.transaction(() => db.get(waitFor(LOCK))),
      db.get("SELECT 1 AS queued"),
    ];
    await holder.waiters(2);
    const health = await databaseHealth(db);
    assert.deepEqual(health, {
      database: "ok",
      storage: { status: "up", pool: { size: 2, busy: 2, waiting: 1 } },
    });
    await holder.release();
    await Promise.all(waiting);
    const idle = await databaseHealth(db);
    assert.deepEqual(idle, {
      database: "ok",
      storage: { status: "up", pool: { size: 2, busy: 0, waiting: 0 } },
    });
  } finally {
    await holder.close();
    await db.close();
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

Deno.test("GET /api/health while the memory guard sheds WebSockets: 200 degraded, memory shedding", async () => {
  const parts = await buildServer(testConfig({}), { log: testLogger(), databasePath: ":memory:" });
  try {
    parts.pressure.shedding = true;
    const shedding = await (await parts.rest.request("/api/health")).json();
    assert.equal(shedding.status, "degraded");
    assert.deepEqual(shedding.components, { database: "ok", memory: "shedding" });
    parts.pressure.shedding = false;
    assert.equal((await (await parts.rest.request("/api/health")).json()).status, "healthy");
  } finally {
    await parts.services.db.close();
  }
});

Deno.test("health checks asked for at once share one probe; the next one probes again", async () => {
  const parts = await buildServer(testConfig({}), { log: testLogger(), databasePath: ":memory:" });
  const db = parts.services.db;
  let probes = 0;
  const get = db.get.bind(db);
  db.get = ((...args: Parameters<typeof db.get>) => {
    probes++;
    return get(...args);
  }) as typeof db.get;
  try {
    const first = sharedDatabaseHealth(db);
    const together = Array.from({ length: 50 }, () => sharedDatabaseHealth(db));
    assert.ok(together.every((check) => check === first), "one check for all of them");
    for (const check of await Promise.all(together)) assert.equal(check.database, "ok");
    assert.equal(probes, 1);
    assert.equal((await sharedDatabaseHealth(db)).database, "ok");
    assert.equal(probes, 2, "a check asked for after it settled probes again");
  } finally {
    await db.close();
  }
});
