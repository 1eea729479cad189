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

/**
 * A TCP proxy to `target`. `cut(bytes)` makes every connection (open or new) forward at most
 * `bytes` more bytes of the server's reply, then close both sides.
 */
function cuttingProxy(target: { hostname: string; port: number }) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let budget = Infinity;
  let accepted = 0;
  const conns = new Set<{ left: number; client: Deno.Conn; server: Deno.Conn }>();
  const close = (conn: Deno.Conn) => {
    try {
      conn.close();
    } catch { /* closed */ }
  };
  const relay = (client: Deno.Conn, server: Deno.Conn) => {
    const state = { left: budget, client, server };
    conns.add(state);
    const end = () => {
      conns.delete(state);
      close(client);
      close(server);
    };
    client.readable.pipeTo(server.writable, { preventClose: true }).catch(() => {}).finally(end);
    (async () => {
      const writer = client.writable.getWriter();
      for await (const chunk of server.readable) {
        const part = chunk.subarray(0, Math.min(chunk.length, state.left));
        state.left -= part.length;
        if (part.length > 0) await writer.write(part);
        if (state.left <= 0) break;
      }
    })().catch(() => {}).finally(end);
  };
  (async () => {
    for await (const client of listener) {
      accepted++;
      Deno.connect(target).then((server) => relay(client, server), () => close(client));
    }
  })().catch(() => {});
  return {
    port: (listener.addr as Deno.NetAddr).port,
    get accepted() {
      return accepted;
    },
    cut(bytes: number) {
      budget = bytes;
      for (const conn of conns) conn.left = bytes;
    },
    heal() {
      budget = Infinity;
      for (const conn of conns) conn.left = Infinity;
    },
    stop() {
      listener.close();
      for (const conn of [...conns]) {
        close(conn.client);
        close(conn.server);
      }
    },
  };
}

/** `promise`, or a failure once `ms` have passed without it settling (the test's time limit). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function behindProxy(
  test: (db: PostgresDatabase, proxy: ReturnType<typeof cuttingProxy>) => Promise<void>,
): Promise<void> {
  const real = new URL(await testPostgresUrl());
  const proxy = cuttingProxy({ hostname: real.hostname, port: Number(real.port || 5432) });
  const url = new URL(real);
  url.host = `127.0.0.1:${proxy.port}`;
  const db = new PostgresDatabase({
    url: url.toString(),
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
    proxy.cut(3);
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
    proxy.heal();
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
    proxy.cut(7);
    const failure = await within(
      db.get("SELECT repeat('x', 100000) AS big").then(() => null, (error) => error),
      20_000,
      "a query whose answer the proxy cuts",
    );
    assert.ok(failure instanceof StorageUnavailable, String(failure));
  });
});
