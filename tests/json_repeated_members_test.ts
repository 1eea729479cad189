/**
 * A JSON-RPC message holding `method`, `id`, `jsonrpc` or `params` twice (attack25 F6) is refused
 * whole with -32600 on every transport, as its text is read: a WebSocket frame, Streamable HTTP,
 * `/api/rpc`, a REST body and a stdio line (in a batch, the item alone: json_repeated_batch_test). Before, the last member won: `"method":"ping",
 * "method":"system.status"` ran `system.status`. Real sockets on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer, testConfig, testLogger } from "./_helpers.ts";
import { open } from "../core/server/transport/_mcp_http_test_utils.ts";
import { buildServer } from "../core/server/server.ts";
import { serveStdio } from "../core/server/transport/stdio.ts";
import { postRpc } from "./_rest.ts";

const DUP_METHOD = '{"jsonrpc":"2.0","id":"m","method":"ping","method":"system.status"}';
const DUP_ID = '{"jsonrpc":"2.0","id":"a","id":"b","method":"ping"}';
const ESCAPED = '{"jsonrpc":"2.0","id":"e","method":"ping","\\u006dethod":"system.status"}';
/** Names repeated inside params are JSON's last-wins, as before: nothing routes by them. */
const IN_PARAMS = '{"jsonrpc":"2.0","id":"p","method":"ping","params":{"method":"x","method":"y"}}';

type Reply = { id?: unknown; error?: { code: number; message: string; data?: unknown } };

function assertRefused(reply: Reply, id: unknown, member: string, where: string): void {
  assert.equal(reply.error?.code, -32600, `${where}: ${JSON.stringify(reply)}`);
  assert.equal(reply.id, id, where);
  assert.deepEqual(reply.error?.data, { member }, where);
  assert.match(reply.error!.message, /appears twice/, where);
}

Deno.test("a repeated envelope member is -32600 over WebSocket, Streamable HTTP, /api/rpc and REST; nothing runs", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    assertRefused(await client.sendRaw(DUP_METHOD) as Reply, "m", "method", "ws method");
    assertRefused(await client.sendRaw(DUP_ID) as Reply, null, "id", "ws id");
    assertRefused(await client.sendRaw(ESCAPED) as Reply, "e", "method", "ws escaped");
    assert.deepEqual(await client.sendRaw(IN_PARAMS), { jsonrpc: "2.0", id: "p", result: {} });

    const headers = await open(server);
    for (const [body, id, member] of [[DUP_METHOD, "m", "method"], [DUP_ID, null, "id"]] as const) {
      const http = await fetch(server.mcpUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
        body,
      });
      assert.equal(http.status, 400);
      assertRefused(await http.json(), id, member, `http ${member}`);
    }

    for (const [body, id, member] of [[DUP_METHOD, "m", "method"], [ESCAPED, "e", "method"]]) {
      const rpc = await postRpc(server.apiUrl, body!);
      assertRefused(await rpc.json(), id, member!, `/api/rpc ${body}`);
    }

    const rest = await fetch(`${server.apiUrl}/personas`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"name":"Twice","description":"d","id":"a","id":"b"}',
    });
    assert.equal(rest.status, 400);
    assert.equal((await rest.json()).error.code, -32600);
    const { personas } = await client.call<{ personas: Array<{ name: string }> }>(
      "persona.list",
      {},
    );
    assert.ok(!personas.some((persona) => persona.name === "Twice"), "the REST body ran nothing");
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("a repeated envelope member is -32600 on a stdio line", async () => {
  const app = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const output: string[] = [];
  const decoder = new TextDecoder();
  try {
    await serveStdio(app.connections, {
      input: ReadableStream.from([new TextEncoder().encode(`${DUP_METHOD}\n`)]),
      output: new WritableStream({ write: (chunk) => void output.push(decoder.decode(chunk)) }),
    });
    assert.equal(output.length, 1);
    assertRefused(JSON.parse(output[0]!), "m", "method", "stdio");
  } finally {
    await app.services.db.close();
  }
});
