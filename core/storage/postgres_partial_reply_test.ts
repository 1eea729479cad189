/**
 * PostgreSQL behind a proxy that forwards some bytes of the server's reply and then closes the
 * connection (a relay that dies mid-message, a load balancer cutting a backend): the call is
 * answered {@linkcode StorageUnavailable} promptly, in the handshake as within a query, and
 * nothing spins reconnecting. A real proxy (`Deno.listen`) in front of the real test server.
 *
 * @module
 */
import assert from "node:assert/strict";
import { StorageUnavailable } from "../errors.ts";
import { PostgresDatabase } from "./postgres.ts";
import { POSTGRES_SKIPPED, testPostgresUrl } from "./testing/databases.ts";
import { type TcpProxy, tcpProxy, within } from "./testing/tcp_proxy.ts";

async function behindProxy(
  test: (db: PostgresDatabase, proxy: TcpProxy) => Promise<void>,
): Promise<void> {
  const proxy = tcpProxy(await testPostgresUrl());
  const db = new PostgresDatabase({
    url: proxy.url,
    poolSize: 1,
    idleTimeoutS: 60,
    // Longer than the time limits below: the connect timeout is not what ends the wait.
    connectTimeoutS: 60,
    outageRetryMs: 50,
  });
  try {
    await test(db, proxy);
  } finally {
    await db.close().catch(() => {});
    proxy.stop();
  }
}

const options = { ignore: POSTGRES_SKIPPED, sanitizeOps: false, sanitizeResources: false };

Deno.test({
  name: "a proxy that sends part of the handshake's answer, then closes: StorageUnavailable",
  ...options,
}, async () => {
  await behindProxy(async (db, proxy) => {
    proxy.set({ cut: 3 });
    for (let i = 0; i < 2; i++) {
      const failure = await within(
        db.get("SELECT 1 AS one").then(() => null, (error) => error),
        20_000,
        `call ${i} through a proxy cutting the handshake`,
      );
      assert.ok(failure instanceof StorageUnavailable, String(failure));
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    // A few attempts, not a loop reconnecting without end.
    assert.ok(proxy.accepted <= 4, `${proxy.accepted} connection attempts`);
    proxy.set("pass");
    let answer: { one: number } | undefined;
    for (let i = 0; i < 100 && answer === undefined; i++) {
      answer = await db.get<{ one: number }>("SELECT 1 AS one").catch(() => undefined);
      if (answer === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(answer?.one, 1, "the pool recovers once the proxy forwards whole replies");
  });
});

Deno.test({
  name: "a proxy that sends part of a query's answer, then closes: StorageUnavailable",
  ...options,
}, async () => {
  await behindProxy(async (db, proxy) => {
    assert.equal((await db.get<{ one: number }>("SELECT 1 AS one"))?.one, 1);
    proxy.set({ cut: 7 });
    const failure = await within(
      db.get("SELECT repeat('x', 100000) AS big").then(() => null, (error) => error),
      20_000,
      "a query whose answer the proxy cuts",
    );
    assert.ok(failure instanceof StorageUnavailable, String(failure));
  });
});
