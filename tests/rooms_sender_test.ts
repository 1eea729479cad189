/**
 * The user cannot speak as a member of the room (attack18 F5): `room.send` with a `sender` named
 * like a member (any case, NFC/NFKC forms, invisible characters, look-alikes) answers -32602 and
 * stores nothing; other names are accepted. Over a real WebSocket.
 */
import assert from "node:assert/strict";
import { RpcCallError, withTestServer } from "./_helpers.ts";

Deno.test("room.send: a sender named like a member is refused, -32602 on sender", async () => {
  await withTestServer(async ({ client }) => {
    const ids: string[] = [];
    for (const name of ["Bob", "José"]) {
      ids.push((await client.call<{ persona_id: string }>("persona.create", { name })).persona_id);
    }
    const { room_id } = await client.call<{ room_id: string }>("room.create", {
      persona_ids: ids,
    });
    for (const sender of ["Bob", "bob", "ＢＯＢ", "B\u200bob", "Jose\u0301", "JOSÉ"]) {
      const error = await client.call("room.send", { room_id, content: "I hate you", sender })
        .then(() => null, (e) => e);
      assert.ok(error instanceof RpcCallError, `${JSON.stringify(sender)} accepted`);
      assert.equal(error.code, -32602);
      assert.match(error.message, /sender/);
    }
    const { messages } = await client.call<{ messages: unknown[] }>("room.get_history", {
      room_id,
    });
    assert.equal(messages.length, 0, "nothing stored");
    const sent = await client.call<{ replies: unknown[] }>("room.send", {
      room_id,
      content: "hello",
      sender: "Jose",
    });
    assert.ok(sent.replies.length > 0, "another name (without the accent) speaks");
  });
});
