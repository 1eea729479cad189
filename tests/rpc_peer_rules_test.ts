/**
 * A client's JSON-RPC responses are never answered (attack15 #6: a response is no request, and
 * answering it risks endless ping-pong), and on a WebSocket one id names one request in flight
 * (attack15 #7, as on Streamable HTTP).
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { modernMeta } from "./_mcp_modern.ts";
import { postRpc } from "./_rest.ts";

type Json = Record<string, unknown>;

Deno.test("a client's response gets no answer on the WebSocket and on /api/rpc", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    const responses = [
      { jsonrpc: "2.0", id: "srv-1", result: {} },
      { jsonrpc: "2.0", id: null, error: { code: -32600, message: "no" } },
      [{ jsonrpc: "2.0", id: "srv-2", result: {} }],
    ];
    for (const response of responses) {
      // Sent raw: the next message the client gets must be the ping's answer, not an error.
      const next = client.sendRaw(JSON.stringify(response));
      client.socket.send(JSON.stringify({ jsonrpc: "2.0", id: "after", method: "ping" }));
      assert.deepEqual(await next, { jsonrpc: "2.0", id: "after", result: {} });
    }

    const rest = await postRpc(server.apiUrl, responses[0]);
    assert.equal(rest.status, 204);
    assert.equal(await rest.text(), "");
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("WebSocket: an id in flight is refused (-32600) alone and in a batch", async () => {
  const server = await startTestServer();
  const socket = new WebSocket(server.wsUrl, ["mcp"]);
  // Every message, in order; `next(predicate)` waits for the first one matching not taken yet.
  const received: unknown[] = [];
  const wakers: Array<() => void> = [];
  socket.addEventListener("message", (event) => {
    received.push(JSON.parse(event.data as string));
    wakers.splice(0).forEach((wake) => wake());
  });
  const next = async (predicate: (message: Json | Json[]) => boolean) => {
    while (true) {
      const at = received.findIndex((message) => predicate(message as Json | Json[]));
      if (at >= 0) return received.splice(at, 1)[0] as Json & Json[];
      await new Promise<void>((resolve) => wakers.push(resolve));
    }
  };
  const send = (message: unknown) => socket.send(JSON.stringify(message));
  try {
    await new Promise((resolve) => socket.addEventListener("open", resolve, { once: true }));
    send({
      jsonrpc: "2.0",
      id: "L",
      method: "subscriptions/listen",
      params: { _meta: modernMeta(), notifications: { resourcesListChanged: true } },
    });
    await next((m) => !Array.isArray(m) && m.method === "notifications/subscriptions/acknowledged");

    send({ jsonrpc: "2.0", id: "L", method: "ping" });
    const again = await next((m) => !Array.isArray(m) && m.id === "L");
    assert.equal((again.error as Json)?.code, -32600, JSON.stringify(again));
    assert.match((again.error as Json).message as string, /id "L" is in use/);

    send([
      { jsonrpc: "2.0", id: "L", method: "persona.list" },
      { jsonrpc: "2.0", id: 9, method: "persona.list" },
      { jsonrpc: "2.0", id: 9, method: "persona.list" },
    ]);
    const batch = await next((m) => Array.isArray(m));
    assert.equal(batch.length, 3);
    const errors = batch.filter((reply) => "error" in reply);
    assert.deepEqual(errors.map((reply) => String(reply.id)).sort(), ["9", "L"]);
    assert.ok(errors.every((reply) => /is in use/.test((reply.error as Json).message as string)));
    assert.ok(batch.some((reply) => reply.id === 9 && "result" in reply), "the first 9 ran");

    // The cancel names one request: the listen ends, and its id is free again.
    send({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: "L" } });
    send({ jsonrpc: "2.0", id: "after", method: "ping" });
    assert.deepEqual((await next((m) => !Array.isArray(m) && m.id === "after")).result, {});
  } finally {
    socket.close();
    await new Promise((resolve) => socket.addEventListener("close", resolve, { once: true }));
    await server.shutdown();
  }
});
