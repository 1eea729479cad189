/**
 * The outage circuit's probe and the pool queue's setting, on a real PostgreSQL: the probe runs
 * on a connection of its own (a saturated pool does not keep the circuit open), its time-out
 * counts as a connection failure (a host that accepts and never answers does not close the
 * circuit), and `DATABASE_POOL_QUEUE` reaches the pool when storage opens from the settings.
 *
 * @module
 */
import assert from "node:assert/strict";
import { loadConfig } from "../config.ts";
import { Busy, StorageUnavailable } from "../errors.ts";
import type { Logger } from "../log.ts";
import { openDatabase } from "./mod.ts";
import { PostgresDatabase } from "./postgres.ts";
import { POSTGRES_SKIPPED, testPostgresUrl } from "./testing/databases.ts";
import { lockHolder, settle, TEST_LOCK, waitFor } from "./testing/lock_holder.ts";

const options = { ignore: POSTGRES_SKIPPED, sanitizeOps: false, sanitizeResources: false };

/**
 * A statement that waits for `lock`, then fails as a lost connection would (SQLSTATE 08006),
 * on a connection that stays up.
 */
function failsAsLost(lock: number): string {
  return `DO $$ BEGIN PERFORM pg_advisory_xact_lock_shared(${lock}); ` +
    "RAISE EXCEPTION 'test: lost' USING ERRCODE = '08006'; END $$";
}

/** A logger keeping its warnings' messages. */
function warnings(): { log: Logger; seen: string[] } {
  const seen: string[] = [];
  const none = () => {};
  return {
    seen,
    log: { debug: none, info: none, error: none, warn: (message) => seen.push(message) },
  };
}

/** A pool of one connection; the probe's limit (the connect timeout) 1 s, a probe at every call. */
function oneConnection(url: string, log?: Logger): PostgresDatabase {
  return new PostgresDatabase({
    url,
    poolSize: 1,
    idleTimeoutS: 60,
    connectTimeoutS: 1,
    outageRetryMs: 1,
    log,
  });
}

Deno.test({
  name: "the circuit's probe has a connection of its own: a saturated pool does not keep it open",
  ...options,
}, async () => {
  const url = await testPostgresUrl();
  // The probe's limit is the connect timeout (1 s); through the pool it waited behind the
  // transaction holding the only connection, ran out, and the call was refused.
  const db = oneConnection(url);
  const first = await lockHolder(url, TEST_LOCK);
  const second = await lockHolder(url, TEST_LOCK + 1);
  try {
    // On the one connection, in order: a statement that fails as a lost connection once the
    // first lock is free (it opens the circuit), then a transaction that holds the connection.
    const lost = settle(db.exec(failsAsLost(TEST_LOCK)));
    await first.waiters(1);
    const holding = db.transaction(() => db.get(waitFor(TEST_LOCK + 1)));
    await first.release();
    assert.ok((await lost).error instanceof StorageUnavailable, String((await lost).error));
    await second.waiters(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const call = settle(db.get<{ x: number }>("SELECT 2 AS x"));
    // Longer than the probe's limit: through the pool it would have run out by now.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await second.release();
    await holding;
    assert.deepEqual(await call, { value: { x: 2 } });
  } finally {
    await first.close();
    await second.close();
    await db.close();
  }
});

Deno.test({
  name: "a host that accepts and never answers: the probe's time-out keeps the circuit open",
  ...options,
}, async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  (async () => {
    for await (const conn of listener) held.push(conn);
  })().catch(() => {});
  const { log, seen } = warnings();
  const url = `postgres://postgres@127.0.0.1:${(listener.addr as Deno.NetAddr).port}/postgres`;
  const db = oneConnection(url, log);
  try {
    for (let i = 0; i < 2; i++) {
      const { error } = await settle(db.get("SELECT 1"));
      assert.ok(error instanceof StorageUnavailable, String(error));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // The second call ran the probe: its time-out must not count as an answer.
    assert.ok(seen.some((message) => message.startsWith("Storage unavailable")), seen.join("; "));
    assert.ok(
      !seen.some((message) => message.startsWith("Storage available again")),
      seen.join("; "),
    );
  } finally {
    await db.close().catch(() => {});
    listener.close();
    for (const conn of held) {
      try {
        conn.close();
      } catch { /* closed */ }
    }
  }
});

Deno.test({
  name: "DATABASE_POOL_QUEUE from the settings bounds the queue of storage opened by openDatabase",
  ...options,
}, async () => {
  const url = await testPostgresUrl();
  const config = loadConfig({
    env: {
      STORAGE: "postgres",
      MEMORY_BACKEND: "chroma",
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: "1",
      DATABASE_POOL_QUEUE: "1",
    },
    dotenv: "",
  });
  const db = openDatabase(config);
  const holder = await lockHolder(url);
  try {
    const holding = db.transaction(() => db.get(waitFor()));
    await holder.waiters(1);
    const queued = db.get<{ x: number }>("SELECT 1 AS x");
    const third = settle(db.get("SELECT 2 AS x"));
    await holder.release();
    await holding;
    assert.deepEqual(await queued, { x: 1 });
    const { error } = await third;
    assert.ok(error instanceof Busy, String(error));
    assert.deepEqual(error.data, {
      reason: "database_queue_full",
      queue_limit: 1,
      retry_after_ms: 500,
    });
  } finally {
    await holder.close();
    await db.close();
  }
});
