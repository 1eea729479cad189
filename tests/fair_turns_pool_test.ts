/**
 * A request waiting for a pooled PostgreSQL connection holds no turn of its connection: one
 * WebSocket's request holds the pool's only connection in a transaction, the same socket's next
 * four requests each wait to begin a transaction (one more than its turns, with the first), and a
 * `ping` sent after them on the same socket is answered while they still wait. Real PostgreSQL
 * (TEST_DATABASE_URL), a real WebSocket. An order, not a time: the pool is let go only once the
 * ping is answered (or, on a server whose transactions keep their turns while they wait, after
 * the valve, and then the ping comes after them).
 */
import assert from "node:assert/strict";
import { RUNNING_PER_CONNECTION } from "../core/server/transport/turns.ts";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { RpcClient, startTestServer, withPostgresEnv } from "./_helpers.ts";
import { holdPoolAndTransact } from "./_fair_turns.ts";

/** Transactions waiting for the pool: all the socket's turns, with the one holding the pool. */
const WAITING = RUNNING_PER_CONNECTION;
/** Lets the pool go if the ping is never answered, so that the failing case ends (no assertion). */
const VALVE_MS = 30_000;

Deno.test({
  name: "transactions waiting for a full pool hold no turn: a ping on the same socket is answered",
  ignore: POSTGRES_SKIPPED,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await withPostgresEnv(async (env) => {
    const server = await startTestServer({ ...env, DATABASE_POOL_SIZE: "1" });
    const { heldPool, release } = holdPoolAndTransact(server);
    const client = await RpcClient.connect(server.wsUrl);
    const valve = setTimeout(release, VALVE_MS);
    try {
      const answered: string[] = [];
      const holder = client.request("test.hold_pool", {}, "hold");
      await heldPool;
      const waiting = Array.from(
        { length: WAITING },
        (_, n) =>
          client.request("test.transaction", {}, `tx-${n}`).then((reply) => {
            answered.push(`tx-${n}`);
            return reply;
          }),
      );
      const pong = await client.request("ping", undefined, "ping");
      answered.push("ping");
      release();
      await holder;
      const replies = await Promise.all(waiting);
      assert.equal(answered[0], "ping", `answered in order ${answered.join(", ")}`);
      assert.ok("result" in pong);
      assert.ok(replies.every((reply) => "result" in reply), "every transaction ran after");
    } finally {
      clearTimeout(valve);
      await client.close();
      await server.shutdown();
    }
  });
});
