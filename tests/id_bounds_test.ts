/**
 * Ids (and a persona's name standing for its id) are at most 200 characters (attack18 F7): a
 * 1 MB one was looked up and echoed whole in the not-found message, and `room.join` answered
 * -32005 "Reply too large ... ran: true" for a join that never happened. Now such params are
 * refused -32602 on their field without quoting them, and an error too large to send keeps its
 * code. The memory handlers' ids too, and `resources/read` quotes an unknown URI short. Over a real
 * WebSocket.
 */
import assert from "node:assert/strict";
import { RpcCallError, type RpcClient, withTestServer } from "./_helpers.ts";

const HUGE = "x".repeat(1_000_000);

/** A call, its params and the field its -32602 names. */
type Call = [string, Record<string, unknown>, string];

/** Each of `calls` is refused -32602 naming its field, quoting little. */
async function assertRefused(client: RpcClient, calls: Call[]): Promise<void> {
  for (const [method, params, field] of calls) {
    const error = await client.call(method, params).then(() => null, (e) => e);
    assert.ok(error instanceof RpcCallError, `${method} answered a result`);
    assert.equal(error.code, -32602, `${method}: ${error.message.slice(0, 200)}`);
    assert.ok(error.message.length < 1000, `${method} echoed ${error.message.length} chars`);
    assert.ok(JSON.stringify(error.data ?? null).length < 2000, `${method} data`);
    assert.match(JSON.stringify(error.data) + error.message, new RegExp(field));
  }
}

Deno.test("ids of 1 MB are refused -32602 on their field, not echoed", async () => {
  await withTestServer(async ({ client }) => {
    const { room_id } = await client.call<{ room_id: string }>("room.create", {
      persona_ids: ["Aria"],
    });
    const calls: Call[] = [
      ["room.join", { room_id, persona_id: HUGE }, "persona_id"],
      ["room.get", { room_id: HUGE }, "room_id"],
      ["room.get_history", { room_id, before_id: HUGE }, "before_id"],
      ["persona.get", { persona_id: HUGE }, "persona_id"],
      ["lorebook.get", { lorebook_id: HUGE }, "lorebook_id"],
      ["conversation.get_history", { conversation_id: HUGE }, "conversation_id"],
      ["prompts/get", { name: HUGE }, "name"],
    ];
    await assertRefused(client, calls);
    // A 200-character id is looked up as any other: not found.
    const long = await client.call("room.get", { room_id: "r".repeat(200) }).then(
      () => null,
      (e) => e,
    );
    assert.ok(long instanceof RpcCallError);
    assert.notEqual(long.code, -32005);
  });
});

Deno.test("memory and resources ids: over 200 characters refused -32602, echoed short", async () => {
  await withTestServer(async ({ client }) => {
    const calls: Call[] = [
      ["memory.search", { persona_id: HUGE, query: "tea" }, "persona_id"],
      ["memory.search_cross_persona", { persona_id: HUGE, query: "tea" }, "persona_id"],
      ["memory.store", { persona_id: HUGE, content: "tea" }, "persona_id"],
      ["memory.list", { persona_id: HUGE }, "persona_id"],
      ["memory.get_stats", { persona_id: HUGE }, "persona_id"],
      ["memory.block_get", { persona_id: HUGE, label: "human" }, "persona_id"],
      ["memory.jobs", { persona_id: HUGE }, "persona_id"],
      ["memory.job_retry", { job_ids: [HUGE] }, "job_ids"],
      ["memory.prune_recommendations", { persona_id: HUGE }, "persona_id"],
    ];
    await assertRefused(client, calls);
    // A resource's URI is at most 2,048 characters; an unknown one is quoted back short.
    const uri = `persona://${"p".repeat(2000)}`;
    const error = await client.call("resources/read", { uri }).then(() => null, (e) => e);
    assert.ok(error instanceof RpcCallError, "resources/read answered a result");
    assert.equal(error.code, -32602);
    assert.ok(error.message.length < 300, `resources/read echoed ${error.message.length} chars`);
    const data = JSON.stringify(error.data);
    assert.ok(data.length < 600, `resources/read data of ${data.length} chars`);
    assert.match(data, /persona:\/\/ppp/);
  });
});
