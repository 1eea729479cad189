/**
 * A batch in which some items hold an envelope member twice (attack27 F4): each such item gets
 * its own -32600 (with its id when that member is not the one repeated, else null), and the other
 * items run and are answered, as JSON-RPC 2.0 §6 wants one response per request. Before, the whole
 * batch was refused with one error and the valid requests got no answer. The same over
 * WebSocket, MCP Streamable HTTP (a revision with batches) and REST `/api/rpc`; real sockets.
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { BATCH_REVISION, open, post } from "../core/server/transport/_mcp_http_test_utils.ts";
import { postRpc } from "./_rest.ts";

/** Item 0 repeats `method`, item 2 `id`, item 3 (no id) `params`, item 4 an escaped `method`. */
const BATCH = "[" + [
  '{"jsonrpc":"2.0","id":1,"method":"ping","method":"system.status"}',
  '{"jsonrpc":"2.0","id":2,"method":"ping"}',
  '{"jsonrpc":"2.0","id":3,"id":4,"method":"ping"}',
  '{"jsonrpc":"2.0","method":"ping","params":{},"params":[]}',
  '{"jsonrpc":"2.0","id":"e","method":"ping","\\u006dethod":"x, y"}',
  '{"jsonrpc":"2.0","id":5,"method":"ping","params":{"method":"a","method":"b"}}',
].join(",") + "]";

type Reply = { id: unknown; result?: unknown; error?: { code: number; data?: unknown } };

function assertAnsweredEach(replies: unknown, where: string): void {
  assert.ok(Array.isArray(replies), `${where}: ${JSON.stringify(replies)}`);
  const byShape = (replies as Reply[]).map((reply) =>
    reply.error ? [reply.id, reply.error.code, reply.error.data] : [reply.id, reply.result]
  ).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  assert.deepEqual(
    byShape,
    [
      ["e", -32600, { member: "method" }],
      [1, -32600, { member: "method" }],
      [2, {}],
      [5, {}],
      [null, -32600, { member: "id" }],
      [null, -32600, { member: "params" }],
    ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    where,
  );
}

Deno.test("a batch item with a member twice is refused alone; the others are answered, on every transport", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    assertAnsweredEach(await client.sendRaw(BATCH), "websocket");

    const headers = await open(server, BATCH_REVISION);
    const http = await post(server, BATCH, headers);
    assert.equal(http.status, 200);
    assertAnsweredEach(await http.json(), "streamable http");

    const rpc = await postRpc(server.apiUrl, BATCH);
    assert.equal(rpc.status, 200);
    assertAnsweredEach(await rpc.json(), "/api/rpc");
  } finally {
    await client.close();
    await server.shutdown();
  }
});
