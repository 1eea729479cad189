/**
 * PostgreSQL behind a TCP proxy (PgBouncer, HAProxy, a cloud load balancer) that accepts
 * connections while the database behind it is down and closes them at once: postgres.js retried
 * such a handshake without limit, so a call waited forever. Now the call is answered
 * {@linkcode StorageUnavailable} and the pool recovers, without a restart, once the proxy
 * forwards again. A real proxy (`Deno.listen`) in front of the real test server.
 *
 * @module
 */
import assert from "node:assert/strict";
import { StorageUnavailable } from "../errors.ts";
import { PostgresDatabase } from "./postgres.ts";
import { POSTGRES_SKIPPED, testPostgresUrl } from "./testing/databases.ts";
import { tcpProxy, within } from "./testing/tcp_proxy.ts";

Deno.test({
  name:
    "a proxy that accepts and closes while PostgreSQL is down: StorageUnavailable, then recovery",
  ignore: POSTGRES_SKIPPED,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const proxy = tcpProxy(await testPostgresUrl());
  const db = new PostgresDatabase({
    url: proxy.url,
    poolSize: 2,
    idleTimeoutS: 60,
    // Longer than the time limit below: the connect timeout is not what ends the wait.
    connectTimeoutS: 60,
    outageRetryMs: 50,
  });
  try {
    assert.equal((await db.get<{ one: number }>("SELECT 1 AS one"))?.one, 1);

    proxy.set("down");
    const before = proxy.accepted;
    for (let i = 0; i < 3; i++) {
      const failure = await within(
        db.get("SELECT 1 AS one").then(() => null, (error) => error),
        20_000,
        `call ${i} through the proxy while the database is down`,
      );
      assert.ok(failure instanceof StorageUnavailable, String(failure));
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    // One connection attempt a call at most: nothing spins reconnecting (the old loop opened
    // some 300 a second).
    const attempts = proxy.accepted - before;
    assert.ok(attempts >= 1 && attempts <= 3, `${attempts} connection attempts`);

    proxy.set("pass");
    let answer: { one: number } | undefined;
    for (let i = 0; i < 100 && answer === undefined; i++) {
      answer = await within(
        db.get<{ one: number }>("SELECT 1 AS one").catch(() => undefined),
        20_000,
        "a call after the proxy forwards again",
      );
      if (answer === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(answer?.one, 1, "the pool recovers without a restart");
    // Every pooled connection works again (none is left stuck in its handshake).
    const many = await within(
      Promise.all(Array.from({ length: 6 }, () => db.get<{ one: number }>("SELECT 1 AS one"))),
      20_000,
      "six calls at once after recovery",
    );
    assert.deepEqual(many.map((row) => row?.one), [1, 1, 1, 1, 1, 1]);
  } finally {
    await db.close().catch(() => {});
    proxy.stop();
  }
});
