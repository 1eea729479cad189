/**
 * Over Streamable HTTP as over a WebSocket (tests/batch_ids_in_use_test.ts), an id of a batch
 * item not started yet is in use: a request of the session reusing it while the batch runs is
 * refused -32600, so a cancel of the id reaches the batch's item alone. Real HTTP on 127.0.0.1;
 * an order, not a time: the batch's holds end only once the reuse and the cancel are answered.
 */
import assert from "node:assert/strict";
import { BATCH_CONCURRENCY } from "../core/server/rpc/batch.ts";
import {
  BATCH_REVISION,
  cancel,
  open,
  post,
} from "../core/server/transport/_mcp_http_test_utils.ts";
import { startTestServer } from "./_helpers.ts";
import { holdAndNote, holdsThenNoted, untilHolding } from "./_fair_turns.ts";

Deno.test("over HTTP, a request reusing an unstarted batch item's id is refused, and a cancel of the id reaches the item alone", async () => {
  const server = await startTestServer();
  const { holding, ran } = holdAndNote(server);
  try {
    const session = await open(server, BATCH_REVISION);
    // The holds take every worker of the batch, so the noted items wait unstarted behind them.
    const batch = post(server, holdsThenNoted(BATCH_CONCURRENCY), session).then((response) =>
      response.json()
    );
    await untilHolding(holding, BATCH_CONCURRENCY);
    const reuse = await (await post(
      server,
      { jsonrpc: "2.0", id: 16, method: "test.noted", params: { n: 99 } },
      session,
    )).json();
    assert.equal(reuse.error?.code, -32600, `answered ${JSON.stringify(reuse)}`);
    assert.match(reuse.error.message, /id 16 is in use/);
    // A batch reusing it is refused the same way (mcp_http_reply.ts checks batches apart).
    const second = await (await post(server, [
      { jsonrpc: "2.0", id: 16, method: "test.noted", params: { n: 98 } },
      { jsonrpc: "2.0", id: 20, method: "test.noted", params: { n: 20 } },
    ], session)).json() as Array<{ id: number; result?: unknown; error?: { code: number } }>;
    assert.equal(second.find((reply) => reply.id === 16)?.error?.code, -32600);
    assert.deepEqual(second.find((reply) => reply.id === 20)?.result, { n: 20 });
    const cancelled = await post(server, cancel(16), session);
    assert.equal(cancelled.status, 202);
    await cancelled.body?.cancel();
    for (const end of holding.splice(0)) end();
    const replies = await batch as Array<
      { id: number; result?: unknown; error?: { code: number } }
    >;
    assert.deepEqual(replies.find((reply) => reply.id === 15)?.result, { n: 15 });
    assert.equal(replies.find((reply) => reply.id === 16)?.error?.code, -32800);
    assert.deepEqual(ran, [20, 15], "neither a reuse nor the cancelled item ran");
  } finally {
    for (const end of holding.splice(0)) end();
    await server.shutdown();
  }
});
