/**
 * Writes waiting for another process's write lock on the SQLite file (their awaited pauses,
 * core/storage/sqlite_lock_wait.ts) hold none of their connection's turns meanwhile: a `ping`
 * on the same socket is answered while the lock is still held. Real SQLite file, a second real
 * connection holding `BEGIN IMMEDIATE`, a real WebSocket; an order, not a time: the lock is let
 * go only once the ping is answered (in the failing case the writes give up after
 * `SQLITE_LOCK_WAIT_MS` and the ping is answered after them).
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { z } from "zod";
import { defineHandler } from "../core/server/define_handler.ts";
import { RUNNING_PER_CONNECTION } from "../core/server/transport/turns.ts";
import { delay, RpcClient, startTestServer } from "./_helpers.ts";

/** How many 10 ms polls to wait for the writes to start before giving up (a bound). */
const POLL_LIMIT = 1_000;

Deno.test("a ping is answered while its socket's writes wait for another process's lock on the SQLite file", async () => {
  // Long enough that the writes wait until the test lets the lock go, in the passing case.
  const server = await startTestServer({ SQLITE_LOCK_WAIT_MS: "10000" });
  const db = server.services.db;
  await db.exec("CREATE TABLE fair_writes (id INTEGER PRIMARY KEY, v TEXT)");
  let started = 0;
  server.dispatcher.registry.add(defineHandler({
    method: "test.write",
    description: "Writes one row",
    params: z.strictObject({}),
    handle: async () => {
      started++;
      return { changed: await db.run("INSERT INTO fair_writes (v) VALUES ('x')") };
    },
  }));
  const other = new DatabaseSync(db.location);
  const client = await RpcClient.connect(server.wsUrl);
  let writes: Promise<unknown>[] = [];
  try {
    other.exec("BEGIN IMMEDIATE");
    let answered = 0;
    writes = Array.from(
      { length: RUNNING_PER_CONNECTION + 1 },
      (_, id) => client.request("test.write", {}, id).then((reply) => (answered++, reply)),
    );
    for (let polls = 0; started < RUNNING_PER_CONNECTION; polls++) {
      if (polls >= POLL_LIMIT) throw new Error("the writes never started");
      await delay(10);
    }
    await client.request("ping", {}, "ping");
    assert.equal(answered, 0, "the ping was answered while every write still waited");
    other.exec("COMMIT");
    for (const reply of await Promise.all(writes)) {
      assert.ok("result" in (reply as object), JSON.stringify(reply));
    }
  } finally {
    if (other.isTransaction) other.exec("ROLLBACK");
    other.close();
    await Promise.allSettled(writes);
    await client.close();
    await server.shutdown();
  }
});
