/**
 * A room round that lost its claim writes no further line (`core/rooms/fenced_repository.ts`,
 * through `RoomService.send`): on a real node on PostgreSQL, another "node" takes the room's
 * claim over while the round's first speaker is still thinking (the lease is long, so no
 * heartbeat notices first); the round's replies are then refused, and `room.send` fails with the
 * Conflict, the transcript holding no line written after the takeover.
 */
import assert from "node:assert/strict";
import { PostgresDatabase } from "../core/storage/mod.ts";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { startCluster } from "./_cluster.ts";
import { delay, RpcClient } from "./_helpers.ts";

Deno.test({
  name: "rooms: a round whose claim was taken over writes no reply",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const cluster = await startCluster({
      nodes: 1,
      chroma: false,
      env: { DIALOGUE_TURN_LEASE_S: "60" },
    });
    const client = await RpcClient.connect(cluster.nodes[0]!.wsUrl);
    const db = new PostgresDatabase({
      url: cluster.databaseUrl,
      poolSize: 1,
      idleTimeoutS: 1,
      connectTimeoutS: 5,
    });
    try {
      const ids: string[] = [];
      for (const name of ["Wren", "Ossian"]) {
        ids.push(
          (await client.call<{ persona_id: string }>("persona.create", { name })).persona_id,
        );
      }
      const { room_id } = await client.call<{ room_id: string }>("room.create", {
        persona_ids: ids,
        reply_mode: "everyone",
      });
      // Each speaker thinks for a while: the takeover below comes while the round runs.
      cluster.model.behavior.firstTokenDelayMs = 1_500;
      const sent = client.call("room.send", { room_id, content: "hello", sender: "Robin" })
        .then(() => null, (error: Error) => error);
      const count = async () =>
        Number(
          (await db.get<{ n: number }>(
            "SELECT COUNT(*) AS n FROM room_messages WHERE room_id = ?",
            room_id,
          ))!.n,
        );
      while (await count() === 0) await delay(10);
      await db.run("UPDATE room_round_claims SET token = token + 1 WHERE room_id = ?", room_id);
      const atTakeover = await count();
      const error = await sent;
      assert.ok(error !== null, "room.send answered although its claim was taken over");
      assert.match(error.message, /another round took its place/);
      // A failed round removes its own lines too (`round_writes.ts`): none is added.
      assert.ok(await count() <= atTakeover, "no line written after the takeover");
    } finally {
      await db.close();
      await client.close().catch(() => {});
      await cluster.stop();
    }
  },
});
