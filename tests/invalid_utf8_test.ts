/**
 * Bytes that are not UTF-8 are a -32700 Parse error on every surface (attack15 #12; RFC 8259
 * §8.1), never decoded into U+FFFD and stored: Streamable HTTP, a binary WebSocket frame,
 * `/api/rpc` and a REST body. (stdio: `core/server/transport/stdio_test.ts`.)
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { open, post } from "../core/server/transport/_mcp_http_test_utils.ts";

const encoder = new TextEncoder();

/** `before`, a lone 0xFF byte, then `after`. */
function withBadByte(before: string, after: string): Uint8Array<ArrayBuffer> {
  const [head, tail] = [encoder.encode(before), encoder.encode(after)];
  const bytes = new Uint8Array(head.length + 1 + tail.length);
  bytes.set(head);
  bytes[head.length] = 0xff;
  bytes.set(tail, head.length + 1);
  return bytes;
}

Deno.test("invalid UTF-8 is -32700 on Streamable HTTP, WebSocket binary frames, /api/rpc and REST", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    const create = withBadByte(
      '{"jsonrpc":"2.0","id":1,"method":"persona.create","params":{"name":"Bad',
      'Byte","description":"d"}}',
    );
    const headers = await open(server);
    const http = await fetch(server.mcpUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
      body: create,
    });
    assert.equal(http.status, 400);
    const httpBody = await http.json();
    assert.equal(httpBody.error.code, -32700);
    assert.match(httpBody.error.message, /not valid UTF-8/);

    const frame = client.sendRaw("");
    client.socket.send(create); // a binary frame
    const ws = await frame as { id: unknown; error: { code: number } };
    assert.equal(ws.error.code, -32700);
    // The connection goes on.
    assert.deepEqual((await client.request("ping", undefined, 2)).result, {});

    const rpc = await fetch(`${server.apiUrl}/rpc`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: create,
    });
    assert.equal((await rpc.json()).error.code, -32700);

    const rest = await fetch(`${server.apiUrl}/personas`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: withBadByte('{"name":"Bad', 'Byte","description":"d"}'),
    });
    assert.equal(rest.status, 400);
    assert.equal((await rest.json()).error.code, -32700);

    const names = (await server.services.personas.list()).map((persona) => persona.name);
    assert.ok(!names.some((name) => name.includes("\uFFFD")), "nothing stored with U+FFFD");
    // Unchanged: valid UTF-8 (accents, emoji) still passes everywhere.
    const ok = await post(server, { jsonrpc: "2.0", id: 3, method: "ping", params: {} }, headers);
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
  } finally {
    await client.close();
    await server.shutdown();
  }
});
