/**
 * Ids (and a persona's name standing for its id) are at most 200 characters (attack18 F7): a
 * 1 MB one was looked up and echoed whole in the not-found message, and `room.join` answered
 * -32005 "Reply too large ... ran: true" for a join that never happened. Now such params are
 * refused -32602 on their field without quoting them, and an error too large to send keeps its
 * code. Over a real WebSocket.
 */
import assert from "node:assert/strict";
import { RpcCallError, withTestServer } from "./_helpers.ts";

const HUGE = "x".repeat(1_000_000);

Deno.test("ids of 1 MB are refused -32602 on their field, not echoed", async () => {
  await withTestServer(async ({ client }) => {
    const { room_id } = await client.call<{ room_id: string }>("room.create", {
      persona_ids: ["Aria"],
    });
    const calls: Array<[string, Record<string, unknown>, string]> = [
      ["room.join", { room_id, persona_id: HUGE }, "persona_id"],
      ["room.get", { room_id: HUGE }, "room_id"],
      ["room.get_history", { room_id, before_id: HUGE }, "before_id"],
      ["persona.get", { persona_id: HUGE }, "persona_id"],
      ["lorebook.get", { lorebook_id: HUGE }, "lorebook_id"],
      ["conversation.get_history", { conversation_id: HUGE }, "conversation_id"],
      ["prompts/get", { name: HUGE }, "name"],
    ];
    for (const [method, params, field] of calls) {
      const error = await client.call(method, params).then(() => null, (e) => e);
      assert.ok(error instanceof RpcCallError, `${method} answered a result`);
      assert.equal(error.code, -32602, `${method}: ${error.message.slice(0, 200)}`);
      assert.ok(error.message.length < 1000, `${method} echoed ${error.message.length} chars`);
      assert.ok(JSON.stringify(error.data ?? null).length < 2000, `${method} data`);
      assert.match(JSON.stringify(error.data) + error.message, new RegExp(field));
    }
    // A 200-character id is looked up as any other: not found.
    const long = await client.call("room.get", { room_id: "r".repeat(200) }).then(
      () => null,
      (e) => e,
    );
    assert.ok(long instanceof RpcCallError);
    assert.notEqual(long.code, -32005);
  });
});
