/**
 * An id of a batch item not started yet is in use: a standalone request reusing it while the
 * batch runs is refused -32600, as for an id in flight (protocol-reference: one id per request in
 * flight), so a cancel of the id reaches one request and each answer names one. A real WebSocket;
 * an order, not a time: the batch's holds end only once the reuse is answered.
 */
import assert from "node:assert/strict";
import { RUNNING_PER_CONNECTION } from "../core/server/transport/turns.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { holdAndNote, holdsThenNoted, untilHolding } from "./_fair_turns.ts";

Deno.test("a standalone request reusing the id of an unstarted batch item is refused -32600", async () => {
  const server = await startTestServer();
  const { holding, ran } = holdAndNote(server);
  const client = await RpcClient.connect(server.wsUrl);
  try {
    // The holds take every worker of the batch, so the noted items wait unstarted behind them.
    const batch = client.sendRaw(JSON.stringify(holdsThenNoted(RUNNING_PER_CONNECTION)));
    await untilHolding(holding, RUNNING_PER_CONNECTION);
    const reuse = await client.request("test.noted", { n: 99 }, 16);
    assert.ok("error" in reuse, `answered ${JSON.stringify(reuse)}`);
    const error = reuse.error as { code: number; message: string };
    assert.equal(error.code, -32600);
    assert.match(error.message, /id 16 is in use/);
    const free = await client.request("test.noted", { n: 98 }, 17);
    assert.ok("result" in free, "an id no batch item holds is still taken");
    for (const end of holding.splice(0)) end();
    const replies = await batch as Array<{ id: number; result?: unknown }>;
    assert.deepEqual(replies.find((reply) => reply.id === 16)?.result, { n: 16 });
    assert.deepEqual(ran.toSorted((a, b) => a - b), [15, 16, 98], "the reuse never ran");
  } finally {
    for (const end of holding.splice(0)) end();
    await client.close();
    await server.shutdown();
  }
});
