/**
 * Another process holding the server's SQLite file locked (attack23 F1): a write waits for the
 * lock without freezing the server (a ping on another socket answers first), and answers
 * -32003 busy (REST 429 with Retry-After) once `SQLITE_LOCK_WAIT_MS` has passed, or succeeds
 * when the lock is released while it waits. A real server, real sockets, the lock held by a
 * second real connection to `persona.db`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { RpcClient, startTestServer } from "./_helpers.ts";

/** A server on a fresh DATA_DIR, two WebSocket clients, and a second connection to its file. */
async function lockedServer(lockWaitMs: number) {
  const dir = Deno.makeTempDirSync({ prefix: "persona-locked-" });
  const server = await startTestServer({ DATA_DIR: dir, SQLITE_LOCK_WAIT_MS: String(lockWaitMs) });
  const writer = await RpcClient.connect(server.wsUrl);
  const pinger = await RpcClient.connect(server.wsUrl);
  const other = new DatabaseSync(`${dir}/persona.db`);
  return {
    server,
    writer,
    pinger,
    hold: () => other.exec("BEGIN IMMEDIATE"),
    release: () => other.exec("ROLLBACK"),
    async [Symbol.asyncDispose]() {
      if (other.isTransaction) other.exec("ROLLBACK");
      other.close();
      await writer.close();
      await pinger.close();
      await server.shutdown();
      Deno.removeSync(dir, { recursive: true });
    },
  };
}

Deno.test({
  name: "file locked by another process: a ping answers first, the store -32003 after the wait",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using locked = await lockedServer(1_500);
  locked.hold();
  const order: string[] = [];
  const store = locked.writer.request("memory.store", { persona_id: "Aria", content: "x" })
    .then((answer) => {
      order.push("store");
      return answer;
    });
  const ping = locked.pinger.request("ping").then((answer) => {
    order.push("ping");
    return answer;
  });
  const [stored, pinged] = await Promise.all([store, ping]);
  assert.deepEqual(order, ["ping", "store"]);
  assert.deepEqual(pinged.result, {});
  const error = stored.error as { code: number; message: string; data: { reason: string } };
  assert.equal(error.code, -32003, JSON.stringify(stored));
  assert.equal(error.data.reason, "database_locked");

  // REST: 429 with Retry-After, the same body.
  const response = await fetch(`${locked.server.apiUrl}/personas/Aria/memories`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ content: "y" }),
  });
  const body = await response.json();
  assert.equal(response.status, 429, JSON.stringify(body));
  assert.equal(response.headers.get("retry-after"), "1");
  assert.equal(body.error.code, -32003);
  locked.release();
  const after = await locked.writer.request("memory.store", { persona_id: "Aria", content: "z" });
  assert.ok("result" in after, JSON.stringify(after));
});

Deno.test({
  name: "file locked by another process: the store goes through once the lock is released",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using locked = await lockedServer(60_000);
  locked.hold();
  let stored = false;
  const store = locked.writer.request("memory.store", { persona_id: "Aria", content: "waited" })
    .finally(() => stored = true);
  const pinged = await locked.pinger.request("ping");
  assert.deepEqual(pinged.result, {});
  assert.equal(stored, false, "the store still waits for the lock");
  locked.release();
  const answer = await store;
  assert.ok("result" in answer, JSON.stringify(answer));
  const found = await locked.writer.call<{ memories: unknown[] }>("memory.search", {
    persona_id: "Aria",
    query: "waited",
  });
  assert.equal(found.memories.length, 1);
});
