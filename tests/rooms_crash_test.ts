/**
 * A room round cut short by a crash leaves no half round (attack25 F1): a real server process
 * killed (SIGKILL) while a 4-member round is under way, its user line and a first reply
 * already written, starts again on the same data (SQLite file, or PostgreSQL schema) with a
 * transcript that holds only whole rounds: `room.get_history` and `room.get` show none of the
 * killed round's lines, and the client's retry finds its line once. The killed round's rows,
 * pending in the database, are removed at the start (SQLite) or by the room's next round
 * (PostgreSQL, once the dead node's claim has run out).
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { startCluster } from "./_cluster.ts";
import { delay, RpcClient, type ServerProcess, spawnServer } from "./_helpers.ts";
import { history, openRoom, postgresRows, reader, type Rows, ROWS_SQL } from "./_room_rounds.ts";
import type { FakeModelServer } from "./fake_model_server.ts";
import { FakeOllama } from "./fake_ollama.ts";

/**
 * Starts a round of `roomId`, and kills `server` once its user line and a first reply are
 * written: when `model` is asked for the second reply (the database is read only once the server
 * is dead: a read of the SQLite file beside it would hold this process, and the model in it).
 */
async function killMidRound(
  server: ServerProcess,
  { roomId, model }: { roomId: string; model: FakeModelServer },
): Promise<void> {
  const client = await RpcClient.connect(server.wsUrl);
  const asked = model.chatRequests().length;
  const sent = client.call("room.send", {
    room_id: roomId,
    content: "the round that dies",
    sender: "Robin",
  }).then((answer) => assert.fail(`the round answered before the kill: ${JSON.stringify(answer)}`))
    .catch((error) => error); // Never answered: the server dies.
  while (model.chatRequests().length < asked + 2) {
    const failed = await Promise.race([sent, delay(10)]);
    if (failed) throw new Error(`room.send failed: ${failed}\n${server.stderr()}`);
  }
  // Meanwhile another client reads the transcript: the round's lines are not there yet.
  const reader = await RpcClient.connect(server.wsUrl);
  assert.deepEqual(await history(reader, roomId), [], "a round's lines are not read mid-round");
  await reader.close();
  await server.kill();
  // Its call is never answered (the client is not told of the dropped socket: left unawaited).
  await client.close().catch(() => {});
}

/** After the restart: no line of the killed round; the retry's round is whole, its line once. */
async function afterRestart(
  server: ServerProcess,
  { roomId, rows }: { roomId: string; rows: Rows },
): Promise<void> {
  const client = await RpcClient.connect(server.wsUrl);
  try {
    assert.deepEqual(await history(client, roomId), [], "no line of the killed round");
    const { room } = await client.call<{ room: { message_count: number } }>("room.get", {
      room_id: roomId,
    });
    assert.equal(room.message_count, 0);
    const { replies } = await client.call<{ replies: unknown[] }>("room.send", {
      room_id: roomId,
      content: "the round that dies",
      sender: "Robin",
    });
    assert.equal(replies.length, 4);
    const lines = await history(client, roomId);
    assert.equal(lines.length, 5);
    assert.deepEqual(lines.filter((l) => l === "Robin: the round that dies"), [
      "Robin: the round that dies",
    ], "the user's line once");
    assert.deepEqual(await rows(), { lines: 5, pending: 0 }, "the killed round's rows removed");
  } finally {
    await client.close();
  }
}

Deno.test("rooms: a round killed mid-way (SIGKILL) leaves no line after a restart [sqlite]", async () => {
  const model = FakeOllama.start({ firstTokenDelayMs: 300 });
  const env = { OLLAMA_HOST: model.url, LOG_LEVEL: "warn" };
  let server = await spawnServer(env);
  const dataDir = server.dataDir;
  try {
    const client = await RpcClient.connect(server.wsUrl);
    const roomId = await openRoom(client);
    await client.close();
    const rows: Rows = () => {
      const db = new DatabaseSync(`${dataDir}/persona.db`, { readOnly: true });
      try {
        const row = db.prepare(ROWS_SQL).get(roomId) as { lines: number; pending: number };
        return Promise.resolve({ lines: Number(row.lines), pending: Number(row.pending) });
      } finally {
        db.close();
      }
    };
    await killMidRound(server, { roomId, model });
    const left = await rows();
    assert.ok(left.lines >= 2 && left.lines < 5, `killed mid-round (${left.lines} lines)`);
    server = await spawnServer({ ...env, DATA_DIR: dataDir });
    // One node per SQLite file: the start removed the killed round's rows.
    assert.equal((await rows()).lines, 0, "removed at the start");
    await afterRestart(server, { roomId, rows });
  } finally {
    await server.stop();
    await model.stop();
  }
});

Deno.test({
  name: "rooms: a round killed mid-way (SIGKILL) leaves no line after a restart [postgres]",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    // The dead node's claim runs out one second after its last heartbeat.
    const cluster = await startCluster({
      nodes: 1,
      chroma: false,
      env: { DIALOGUE_TURN_LEASE_S: "1" },
    });
    cluster.model.behavior.firstTokenDelayMs = 300;
    const db = reader(cluster.databaseUrl);
    try {
      const client = await RpcClient.connect(cluster.nodes[0]!.wsUrl);
      const roomId = await openRoom(client);
      await client.close();
      const rows = postgresRows(db, roomId);
      await killMidRound(cluster.nodes[0]!, { roomId, model: cluster.model });
      const left = await rows();
      assert.ok(left.lines >= 2 && left.lines < 5, `killed mid-round (${left.lines} lines)`);
      await afterRestart(await cluster.addNode(), { roomId, rows });
    } finally {
      await db.close();
      await cluster.stop();
    }
  },
});
