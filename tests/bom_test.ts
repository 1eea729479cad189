/**
 * A leading UTF-8 byte order mark is read the same on every transport (attack17 F11): dropped,
 * as UTF-8 decoding drops it, on a text and a binary WebSocket frame, Streamable HTTP, `/api/rpc`,
 * a REST body and a stdio line.
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer, testConfig, testLogger } from "./_helpers.ts";
import { open } from "../core/server/transport/_mcp_http_test_utils.ts";
import { buildServer } from "../core/server/server.ts";
import { serveStdio } from "../core/server/transport/stdio.ts";
import { postRpc } from "./_rest.ts";

const BOM = "\uFEFF";
const encoder = new TextEncoder();

Deno.test("a leading BOM is dropped on WebSocket text and binary frames, MCP HTTP, /api/rpc and REST", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    const text = await client.sendRaw(`${BOM}{"jsonrpc":"2.0","id":"t","method":"ping"}`);
    assert.deepEqual(text, { jsonrpc: "2.0", id: "t", result: {} }, "a text frame");
    const binary = new Promise<unknown>((resolve) =>
      client.socket.addEventListener("message", (event) => {
        const message = JSON.parse(event.data as string);
        if (message.id === "b") resolve(message);
      })
    );
    client.socket.send(encoder.encode(`${BOM}{"jsonrpc":"2.0","id":"b","method":"ping"}`));
    assert.deepEqual(await binary, { jsonrpc: "2.0", id: "b", result: {} }, "a binary frame");

    const headers = await open(server);
    const http = await fetch(server.mcpUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
      body: `${BOM}{"jsonrpc":"2.0","id":"h","method":"ping"}`,
    });
    assert.equal(http.status, 200);
    assert.deepEqual(await http.json(), { jsonrpc: "2.0", id: "h", result: {} });

    const rpc = await postRpc(
      server.apiUrl,
      `${BOM}{"jsonrpc":"2.0","id":"r","method":"persona.list"}`,
    );
    assert.ok("result" in await rpc.json());

    const rest = await fetch(`${server.apiUrl}/personas`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: `${BOM}{"name":"Bommy","description":"d"}`,
    });
    assert.equal(rest.status, 201, await rest.clone().text());
    await rest.body?.cancel();
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("a leading BOM is dropped on a stdio line", async () => {
  const app = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const output: string[] = [];
  const decoder = new TextDecoder();
  try {
    await serveStdio(app.connections, {
      input: ReadableStream.from([
        encoder.encode(`${BOM}{"jsonrpc":"2.0","id":1,"method":"ping"}\n`),
      ]),
      output: new WritableStream({ write: (chunk) => void output.push(decoder.decode(chunk)) }),
    });
    assert.deepEqual(output.map((line) => JSON.parse(line)), [{
      jsonrpc: "2.0",
      id: 1,
      result: {},
    }]);
  } finally {
    await app.services.db.close();
  }
});
