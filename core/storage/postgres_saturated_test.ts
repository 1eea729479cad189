/**
 * A node whose every pooled connection is busy (long transactions waiting on a lock), on a
 * real PostgreSQL: the outage probe still finds the database alive (it has a connection of its
 * own), so calls queue and then succeed instead of being refused; and the queue for
 * connections is bounded (`DATABASE_POOL_QUEUE`): past it a call is refused at once with
 * {@linkcode Busy}, not left to pile up.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Busy, StorageUnavailable } from "../errors.ts";
import { PostgresDatabase } from "./postgres.ts";
import { POSTGRES_SKIPPED, testPostgresUrl } from "./testing/databases.ts";
import { lockHolder, settle, waitFor } from "./testing/lock_holder.ts";
import { tcpProxy } from "./testing/tcp_proxy.ts";

const HOLD = waitFor();

const options = { ignore: POSTGRES_SKIPPED, sanitizeOps: false, sanitizeResources: false };

Deno.test({
  name: "every pooled connection busy: the outage probe still finds PostgreSQL alive, calls queue",
  ...options,
}, async () => {
  const url = await testPostgresUrl();
  // The probe's time limit is the connect timeout: through the busy pool it ran out, and the
  // circuit stayed open (calls refused) while the database was up.
  const db = new PostgresDatabase({ url, poolSize: 2, idleTimeoutS: 60, connectTimeoutS: 2 });
  const holder = await lockHolder(url);
  try {
    const busy = [db.transaction(() => db.get(HOLD)), db.transaction(() => db.get(HOLD))];
    await holder.waiters(2);
    const queued = db.get<{ x: number }>("SELECT 42 AS x");
    assert.equal(await db.ping(), true, "the probe answers beside a saturated pool");
    await holder.release();
    await Promise.all(busy);
    assert.deepEqual(await queued, { x: 42 });
  } finally {
    await holder.close();
    await db.close();
  }
});

Deno.test({
  name: "a transaction's connection dropped under it: StorageUnavailable, the process lives on",
  ...options,
}, async () => {
  const real = await testPostgresUrl();
  const proxy = tcpProxy(real);
  const db = new PostgresDatabase({
    url: proxy.url,
    poolSize: 2,
    idleTimeoutS: 60,
    connectTimeoutS: 10,
    outageRetryMs: 1,
  });
  const holder = await lockHolder(real);
  try {
    const cut = [
      settle(db.transaction(() => db.get(HOLD))),
      settle(db.transaction(() => db.get(HOLD))),
    ];
    await holder.waiters(2);
    // Waiting for a connection when the two are cut: served by the pool once it reconnects.
    const queued = [
      settle(db.transaction(() => db.get<{ q: number }>("SELECT 1 AS q"))),
      settle(db.get<{ q: number }>("SELECT 2 AS q")),
    ];
    // postgres.js wrote ROLLBACK on the closed connection: an uncaught TypeError ended the test.
    proxy.drop();
    for (const { error } of await Promise.all(cut)) {
      assert.ok(error instanceof StorageUnavailable, String(error));
    }
    await holder.release();
    assert.deepEqual(await Promise.all(queued), [{ value: { q: 1 } }, { value: { q: 2 } }]);
    let answer: unknown;
    for (let i = 0; i < 100 && answer === undefined; i++) {
      answer = await db.get<{ x: number }>("SELECT 7 AS x").catch(() => undefined);
      if (answer === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.deepEqual(answer, { x: 7 });
    assert.deepEqual(await db.transaction(() => db.get("SELECT 8 AS x")), { x: 8 });
  } finally {
    await holder.close();
    await db.close();
    proxy.stop();
  }
});

Deno.test({
  name: "a full queue for pooled connections refuses the next call at once with Busy",
  ...options,
}, async () => {
  const url = await testPostgresUrl();
  const db = new PostgresDatabase({
    url,
    poolSize: 2,
    idleTimeoutS: 60,
    connectTimeoutS: 10,
    ...{ poolQueue: 1 },
  });
  const holder = await lockHolder(url);
  try {
    const busy = [db.transaction(() => db.get(HOLD)), db.get(HOLD)];
    await holder.waiters(2);
    const queued = db.get<{ x: number }>("SELECT 1 AS x");
    const refused = await settle(db.get("SELECT 2 AS x"));
    assert.ok(refused.error instanceof Busy, String(refused.error));
    assert.equal(refused.error.code, "busy");
    assert.deepEqual(refused.error.data, {
      reason: "database_queue_full",
      queue_limit: 1,
      retry_after_ms: 500,
    });
    // A transaction is refused the same way (it needs a connection too).
    const tx = await settle(db.transaction(() => db.get("SELECT 3 AS x")));
    assert.ok(tx.error instanceof Busy, String(tx.error));
    await holder.release();
    await Promise.all(busy);
    assert.deepEqual(await queued, { x: 1 });
    // Room again once the connections are free.
    assert.deepEqual(await db.get("SELECT 4 AS x"), { x: 4 });
  } finally {
    await holder.close();
    await db.close();
  }
});
