/**
 * A room member deleted while its model speaks, gone by `room.leave`, or whose room is deleted:
 * its model request is aborted then (the fake model server sees its client go), not run to its
 * end for a line that is dropped. Over a real WebSocket, with a fake model that streams slowly.
 */
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { RpcClient, startTestServer, withPostgresEnv, withTestServer } from "./_helpers.ts";

/** A reply far longer than the test: 200 tokens, 100 ms apart (20 s when run to its end). */
const LONG = Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ");

/**
 * Sends a line to a room of Aria alone, her reply streamed slowly; once its first chunk
 * arrives, `away` runs on a second connection (to `server`: the same node, or another). Returns
 * what `room.send` settled with.
 */
async function speakThenGo(
  { fake, server, client }: { fake: FakeOllama; server: { wsUrl: string }; client: RpcClient },
  away: (other: RpcClient, ids: { roomId: string; personaId: string }) => Promise<unknown>,
): Promise<unknown> {
  fake.behavior.reply = () => LONG;
  fake.behavior.tokenDelayMs = 100;
  const { room_id: roomId } = await client.call<{ room_id: string }>("room.create", {
    persona_ids: ["Aria"],
  });
  const sent = client.call("room.send", { room_id: roomId, content: "Hello.", stream: true })
    .catch((error: unknown) => error);
  const first = await client.waitForNotification((n) => n.method === "room.chunk");
  const other = await RpcClient.connect(server.wsUrl);
  try {
    await away(other, { roomId, personaId: first.params.persona_id as string });
  } finally {
    await other.close();
  }
  const settled = await sent;
  // The model's answer never finished: its request was aborted, and the server saw it go.
  assert.equal(fake.chatRequests().length, 1);
  assert.equal(fake.lastStreamFinishedAt, 0, "the deleted speaker's model ran to its end");
  await fake.waitForAbandoned(1);
  return settled;
}

Deno.test("room.send: deleting the speaking member aborts its model request", async () => {
  await withTestServer(async (harness) => {
    const result = await speakThenGo(
      harness,
      (other, { personaId }) => other.call("persona.delete", { persona_id: personaId }),
    );
    assert.deepEqual((result as { replies: unknown[] }).replies, []);
  });
});

Deno.test("room.send: a speaking member that leaves has its model request aborted", async () => {
  await withTestServer(async (harness) => {
    const result = await speakThenGo(
      harness,
      (other, { roomId, personaId }) =>
        other.call("room.leave", { room_id: roomId, persona_id: personaId }),
    );
    assert.deepEqual((result as { replies: unknown[] }).replies, []);
  });
});

Deno.test("room.send: deleting the room aborts its speaker's model request", async () => {
  await withTestServer(async (harness) => {
    const result = await speakThenGo(
      harness,
      (other, { roomId }) => other.call("room.delete", { room_id: roomId }),
    );
    // The round ends with the room: no reply of it is kept, whatever the call answers.
    const replies = (result as { replies?: unknown[] }).replies;
    assert.ok(replies === undefined || replies.length === 0, JSON.stringify(result));
  });
});

Deno.test({
  name: "room.send: a speaker deleted through another node has its model request aborted",
  ignore: POSTGRES_SKIPPED,
  fn: async () => {
    await withPostgresEnv(async (env) => {
      const fake = FakeOllama.start();
      const a = await startTestServer({ ...env, OLLAMA_HOST: fake.url });
      const b = await startTestServer({ ...env, OLLAMA_HOST: fake.url });
      const client = await RpcClient.connect(a.wsUrl);
      try {
        // The round runs on A; the persona is deleted on B, which tells A through the relay.
        const result = await speakThenGo(
          { fake, server: b, client },
          (other, { personaId }) => other.call("persona.delete", { persona_id: personaId }),
        );
        assert.deepEqual((result as { replies: unknown[] }).replies, []);
      } finally {
        await client.close();
        await b.shutdown();
        await a.shutdown();
        await fake.stop();
      }
    });
  },
});
