/**
 * PostgreSQL out of reach mid-round leaves no half round (attack25 F2): a real server process
 * reaching its database through a TCP proxy; once a 4-member round's user line and first reply
 * are written, the proxy cuts every connection (a database down), so the round fails and so
 * does the removal of its lines. The client is told to retry (-32009); with the database back,
 * the transcript shows none of the failed round's lines (they stay pending, seen by no reader),
 * and the retry's round finds its line once and removes the failed round's rows (the room's
 * next round, like the minute sweep, removes a cut off round's pending lines).
 */
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED, testSchema } from "../core/storage/testing/databases.ts";
import { tcpProxy, throughProxy } from "../core/storage/testing/tcp_proxy.ts";
import { delay, type RpcCallError, RpcClient, spawnServer } from "./_helpers.ts";
import { history, openRoom, postgresRows, reader } from "./_room_rounds.ts";
import { FakeOllama } from "./fake_ollama.ts";

/** `call`'s answer once the node is back: asked again while it answers -32009 (retry shortly). */
async function once<T>(call: () => Promise<T>): Promise<T> {
  for (let tries = 1;; tries++) {
    try {
      return await call();
    } catch (error) {
      if ((error as RpcCallError).code !== -32009 || tries === 100) throw error;
      await delay(100);
    }
  }
}

Deno.test({
  name: "rooms: a round whose database went away keeps no line once it is back [postgres]",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const schema = await testSchema();
    const proxy = tcpProxy(schema.url);
    const model = FakeOllama.start({ firstTokenDelayMs: 300 });
    const db = reader(schema.url);
    const server = await spawnServer({
      STORAGE: "postgres",
      DATABASE_URL: throughProxy(schema.url, proxy),
      DATABASE_POOL_SIZE: "4",
      // Never reached: the test stores no memory it reads back.
      MEMORY_BACKEND: "chroma",
      CHROMA_URL: "http://127.0.0.1:9",
      OLLAMA_HOST: model.url,
      LOG_LEVEL: "warn",
      // The round's claim, never released (the database was gone), runs out a second later.
      DIALOGUE_TURN_LEASE_S: "1",
    });
    const client = await RpcClient.connect(server.wsUrl);
    try {
      const roomId = await openRoom(client);
      const rows = postgresRows(db, roomId);
      const sent = client.call("room.send", {
        room_id: roomId,
        content: "round hit by a database outage",
        sender: "Robin",
      }).then(() => null, (error: RpcCallError) => error);
      // The user's line and the first reply are written: the second speaker is thinking.
      while (model.chatRequests().length < 2) await delay(10);
      proxy.set("down");
      const error = await sent;
      assert.ok(error, "the round failed");
      assert.equal(error.code, -32009, error.message);
      assert.ok((await rows()).lines >= 2, "its lines could not be removed");
      assert.match(server.stderr(), /lines were not removed yet/);

      proxy.set("pass");
      assert.deepEqual(
        await once(() => history(client, roomId)),
        [],
        "no line of the failed round",
      );
      await client.call("room.send", {
        room_id: roomId,
        content: "round hit by a database outage",
        sender: "Robin",
      });
      const lines = await history(client, roomId);
      assert.equal(lines.length, 5, lines.join("\n"));
      assert.equal(lines.filter((l) => l.endsWith("round hit by a database outage")).length, 1);
      assert.deepEqual(await rows(), { lines: 5, pending: 0 }, "the failed round's rows removed");
    } finally {
      await client.close().catch(() => {});
      await server.stop();
      proxy.stop();
      await db.close();
      await model.stop();
      await schema.drop();
    }
  },
});
