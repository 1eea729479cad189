/**
 * A room round that answers an error keeps nothing (attack18 F9): the model queue full when the
 * round's first speaker asks (-32003 "retry shortly"), or the model failing after a first reply
 * was stored, left the user's line (and that reply) in the transcript and in the members'
 * memories, so the client's retry found the line twice. Now the round's lines are removed and
 * nothing is remembered, as a failed chat message or dialogue turn keeps nothing. Over a real
 * WebSocket, a real SQLite file, the fake model server speaking HTTP.
 */
import assert from "node:assert/strict";
import { RpcCallError, type RpcClient, withTestServer } from "./_helpers.ts";

async function members(client: RpcClient, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const { persona_id } = await client.call<{ persona_id: string }>("persona.create", {
      name: `${prefix}${i}`,
      description: "a member",
    });
    ids.push(persona_id);
  }
  return ids;
}

async function transcript(client: RpcClient, roomId: string): Promise<string[]> {
  const { messages } = await client.call<{ messages: Array<{ speaker: string }> }>(
    "room.get_history",
    { room_id: roomId },
  );
  return messages.reverse().map((m) => m.speaker);
}

/** How many memories of `personaId` hold the user's line `text` (replies may quote it too). */
async function remembered(client: RpcClient, personaId: string, text: string): Promise<number> {
  const { memories } = await client.call<{ memories: Array<{ content: string }> }>(
    "memory.list",
    { persona_id: personaId, limit: 100 },
  );
  return memories.filter((m) => m.content === `user said in hall: ${text}`).length;
}

Deno.test("room.send: the model failing mid-round keeps nothing; the retry is the only round", async () => {
  await withTestServer(async ({ client, fake }) => {
    const ids = await members(client, "E");
    const { room_id } = await client.call<{ room_id: string }>("room.create", {
      persona_ids: ids,
      reply_mode: "everyone",
      name: "hall",
    });
    const reply = fake.behavior.reply;
    let calls = 0;
    fake.behavior.reply = (request) => {
      // The first reply is made; every model call after it fails (HTTP 500).
      if (++calls === 1) fake.behavior.mode = "error";
      return reply(request);
    };
    const failed = await client.call("room.send", { room_id, content: "talk to me" })
      .then(() => null, (error) => error);
    assert.ok(failed instanceof RpcCallError, String(failed));
    assert.equal(failed.code, -32003);
    assert.deepEqual(await transcript(client, room_id), [], "no line of the failed round");
    for (const id of ids) assert.equal(await remembered(client, id, "talk to me"), 0);
    fake.behavior.mode = "ok";
    const sent = await client.call<{ replies: unknown[] }>("room.send", {
      room_id,
      content: "talk to me",
    });
    assert.equal(sent.replies.length, 3);
    const lines = await transcript(client, room_id);
    assert.equal(lines.length, 4, "the user's line once and three replies");
    for (const id of ids) assert.equal(await remembered(client, id, "talk to me"), 1);
  });
});

Deno.test("room.send: a full model queue answers -32003 and keeps no line", async () => {
  await withTestServer(async ({ client, fake }) => {
    fake.behavior.firstTokenDelayMs = 300;
    const ids = await members(client, "Q");
    const rooms: string[] = [];
    for (let i = 0; i < 2; i++) {
      rooms.push(
        (await client.call<{ room_id: string }>("room.create", {
          persona_ids: ids,
          reply_mode: "everyone",
          name: "hall",
        })).room_id,
      );
    }
    const first = client.call("room.send", { room_id: rooms[0], content: "first room" });
    await fake.waitForChats(1);
    const busy = await client.call("room.send", { room_id: rooms[1], content: "please answer" })
      .then(() => null, (error) => error);
    assert.ok(busy instanceof RpcCallError, String(busy));
    assert.equal(busy.code, -32003);
    await first;
    assert.deepEqual(await transcript(client, rooms[1]!), []);
    for (const id of ids) assert.equal(await remembered(client, id, "please answer"), 0);
    await client.call("room.send", { room_id: rooms[1], content: "please answer" });
    assert.equal((await transcript(client, rooms[1]!)).length, 4);
    for (const id of ids) assert.equal(await remembered(client, id, "please answer"), 1);
  }, { LLM_QUEUE_LIMIT: "0", LLM_CONCURRENCY: "1" });
});
