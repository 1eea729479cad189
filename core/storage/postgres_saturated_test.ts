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

/** A lock the test holds, on which the node's transactions wait (each holding a connection). */
const LOCK = 4242_0068;

const HOLD = `SELECT pg_advisory_xact_lock_shared(${LOCK})`;

/** Another client holding {@linkcode LOCK} until `release()`. */
async function lockHolder(url: string) {
  const admin = new PostgresDatabase({ url, poolSize: 2, idleTimeoutS: 0, connectTimeoutS: 10 });
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  let held!: () => void;
  const holding = new Promise<void>((resolve) => held = resolve);
  const done = admin.transaction(async () => {
    await admin.get(`SELECT pg_advisory_xact_lock(${LOCK})`);
    held();
    await released;
  });
  await holding;
  /** Resolves once `count` sessions wait on the lock. */
  const waiters = async (count: number) => {
    for (;;) {
      const row = await admin.get<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = ?",
        LOCK,
      );
      if ((row?.n ?? 0) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return {
    admin,
    waiters,
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

function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then((value) => ({ value }), (error) => ({ error }));
}

const options = { ignore: POSTGRES_SKIPPED, sanitizeOps: false, sanitizeResources: false };

/** A TCP proxy to `target` whose `drop()` cuts every open connection (new ones go through). */
function droppingProxy(target: { hostname: string; port: number }) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const live = new Set<Deno.Conn>();
  const close = (conn: Deno.Conn) => {
    live.delete(conn);
    try {
      conn.close();
    } catch { /* closed */ }
  };
  const pipe = (from: Deno.Conn, to: Deno.Conn) =>
    from.readable.pipeTo(to.writable, { preventClose: true }).catch(() => {}).finally(() => {
      close(from);
      close(to);
    });
  (async () => {
    for await (const client of listener) {
      live.add(client);
      Deno.connect(target).then((server) => {
        live.add(server);
        void pipe(client, server);
        void pipe(server, client);
      }, () => close(client));
    }
  })().catch(() => {});
  return {
    port: (listener.addr as Deno.NetAddr).port,
    drop() {
      for (const conn of [...live]) close(conn);
    },
    stop() {
      listener.close();
      this.drop();
    },
  };
}

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
  const real = new URL(await testPostgresUrl());
  const proxy = droppingProxy({ hostname: real.hostname, port: Number(real.port || 5432) });
  const url = new URL(real);
  url.host = `127.0.0.1:${proxy.port}`;
  const db = new PostgresDatabase({
    url: url.toString(),
    poolSize: 2,
    idleTimeoutS: 60,
    connectTimeoutS: 10,
    outageRetryMs: 1,
  });
  const holder = await lockHolder(real.toString());
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
