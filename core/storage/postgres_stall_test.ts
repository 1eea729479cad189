/**
 * PostgreSQL connections that stop answering, on a real server behind a real proxy: a reply
 * that stalls mid-way (the socket open, nothing more coming) fails its call with
 * {@linkcode StorageUnavailable} within the reply deadline and the pool heals once the proxy
 * forwards again, without a restart (attack16 F2); a slow statement ends at
 * `statement_timeout` as {@linkcode Busy} on a connection that stays in use; migrations run
 * without the deadline; a connection closed right after its handshake fails the call instead
 * of reconnecting without end.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Busy, StorageUnavailable } from "../errors.ts";
import { PostgresDatabase } from "./postgres.ts";
import { POSTGRES_SKIPPED, testPostgresUrl } from "./testing/databases.ts";
import { settle } from "./testing/lock_holder.ts";
import { type TcpProxy, tcpProxy, within } from "./testing/tcp_proxy.ts";

const options = { ignore: POSTGRES_SKIPPED, sanitizeOps: false, sanitizeResources: false };

/** A hang guard far above the deadlines below (not a timing assertion). */
const GUARD_MS = 20_000;

async function behindProxy(
  test: (db: PostgresDatabase, proxy: TcpProxy) => Promise<void>,
  settings: { poolSize?: number; queryTimeoutMs?: number } = {},
): Promise<void> {
  const proxy = tcpProxy(await testPostgresUrl());
  const db = new PostgresDatabase({
    url: proxy.url,
    poolSize: settings.poolSize ?? 2,
    idleTimeoutS: 60,
    connectTimeoutS: 2,
    outageRetryMs: 50,
    queryTimeoutMs: settings.queryTimeoutMs ?? 300,
  });
  try {
    await test(db, proxy);
  } finally {
    await db.close().catch(() => {});
    proxy.stop();
  }
}

/** Calls `SELECT n` until one answers (the circuit and the stuck connections let it through). */
async function untilAnswered(db: PostgresDatabase, n: number): Promise<number | undefined> {
  for (let i = 0; i < 100; i++) {
    const row = await within(
      db.get<{ n: number }>(`SELECT ${n} AS n`).catch(() => undefined),
      GUARD_MS,
      "a call after the proxy forwards again",
    );
    if (row !== undefined) return row.n;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

Deno.test({
  name: "a reply that stalls mid-way: StorageUnavailable, and the pool heals without a restart",
  ...options,
}, async () => {
  await behindProxy(async (db, proxy) => {
    // Both pooled connections open and in use before the stall.
    const warm = await Promise.all([
      db.get<{ n: number }>("SELECT 1 AS n FROM pg_sleep(0.05)"),
      db.get<{ n: number }>("SELECT 2 AS n FROM pg_sleep(0.05)"),
    ]);
    assert.deepEqual(warm, [{ n: 1 }, { n: 2 }]);

    proxy.set("stall");
    const stalled = await Promise.all([
      settle(within(db.get("SELECT repeat('x', 2000) AS x"), GUARD_MS, "a stalled call")),
      settle(within(db.get("SELECT repeat('y', 2000) AS y"), GUARD_MS, "a second stalled call")),
    ]);
    for (const { error } of stalled) {
      assert.ok(error instanceof StorageUnavailable, String(error));
    }

    proxy.set("pass");
    assert.equal(await untilAnswered(db, 7), 7, "the pool recovers once the proxy forwards");
    const many = await within(
      Promise.all(Array.from({ length: 6 }, (_, i) => db.get<{ n: number }>(`SELECT ${i} AS n`))),
      GUARD_MS,
      "six calls at once after recovery",
    );
    assert.deepEqual(many.map((row) => row?.n), [0, 1, 2, 3, 4, 5]);
  });
});

Deno.test({
  name: "a transaction whose reply stalls: StorageUnavailable, the process lives on",
  ...options,
}, async () => {
  await behindProxy(async (db, proxy) => {
    const outcome = await settle(within(
      db.transaction(async () => {
        await db.get("SELECT 1 AS n");
        proxy.set("stall");
        return await db.get("SELECT repeat('z', 2000) AS z");
      }),
      GUARD_MS,
      "a transaction on a stalled connection",
    ));
    assert.ok(outcome.error instanceof StorageUnavailable, String(outcome.error));
    proxy.set("pass");
    assert.equal(await untilAnswered(db, 8), 8);
    assert.deepEqual(await db.transaction(() => db.get("SELECT 9 AS n")), { n: 9 });
  });
});

Deno.test({
  name: "a statement past DATABASE_QUERY_TIMEOUT_MS is ended by the server: Busy, same connection",
  ...options,
}, async () => {
  const url = await testPostgresUrl();
  const db = new PostgresDatabase({
    url,
    poolSize: 1,
    idleTimeoutS: 60,
    connectTimeoutS: 10,
    queryTimeoutMs: 300,
  });
  try {
    const before = await db.get<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const slow = await settle(within(db.get("SELECT pg_sleep(5)"), GUARD_MS, "a slow statement"));
    assert.ok(slow.error instanceof Busy, String(slow.error));
    assert.deepEqual(slow.error.data, {
      reason: "database_timeout",
      timeout_ms: 300,
      retry_after_ms: 500,
    });
    const tx = await settle(db.transaction(() => db.get("SELECT pg_sleep(5)")));
    assert.ok(tx.error instanceof Busy, String(tx.error));
    // The server answered: the connection was kept.
    assert.deepEqual(await db.get("SELECT pg_backend_pid() AS pid"), before);
  } finally {
    await db.close();
  }
});

Deno.test({
  name: "migrations run without the statement deadline",
  ...options,
}, async () => {
  const url = await testPostgresUrl();
  const schema = `stall_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = new PostgresDatabase({ url, poolSize: 1, idleTimeoutS: 0, connectTimeoutS: 10 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const db = new PostgresDatabase({
    url,
    schema,
    poolSize: 1,
    idleTimeoutS: 60,
    connectTimeoutS: 10,
    queryTimeoutMs: 200,
  });
  try {
    const applied = await db.migrate([
      { name: "slow", sql: "CREATE TABLE slow (n INTEGER); SELECT pg_sleep(0.6);" },
    ]);
    assert.deepEqual(applied, ["slow"]);
    assert.equal(await db.run("INSERT INTO slow (n) VALUES (1)"), 1);
  } finally {
    await db.close();
    await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }
});

Deno.test({
  name: "a connection closed right after its handshake fails the call, nothing reconnects for good",
  ...options,
}, async () => {
  await behindProxy(async (db, proxy) => {
    proxy.set("close-after-handshake");
    for (let i = 0; i < 2; i++) {
      const outcome = await settle(
        within(db.get("SELECT 1 AS n"), GUARD_MS, `call ${i} closed after the handshake`),
      );
      assert.ok(outcome.error instanceof StorageUnavailable, String(outcome.error));
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    assert.ok(proxy.accepted <= 6, `${proxy.accepted} connection attempts`);
    proxy.set("pass");
    assert.equal(await untilAnswered(db, 3), 3);
  }, { poolSize: 1 });
});
