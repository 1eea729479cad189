/**
 * MCP's rules beyond JSON-RPC 2.0 (attack15 #3, #4), on Streamable HTTP and the WebSocket:
 * `initialize` never in a batch (not even a batch of one), no batches in a session of 2025-06-18
 * or later, MCP request ids never null nor fractions. The custom JSON-RPC methods keep plain
 * JSON-RPC 2.0 (batches, null ids) on the WebSocket.
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { initializeRequest, post } from "../core/server/transport/_mcp_http_test_utils.ts";

type Json = Record<string, unknown>;

const ping = (id: unknown) => ({ jsonrpc: "2.0", id, method: "ping" });

Deno.test("Streamable HTTP: initialize in a batch, a batch in a 2025-06-18 session, null and fractional ids are refused", async () => {
  const server = await startTestServer();
  try {
    const alone = await post(server, [initializeRequest("2025-03-26", 1)]);
    assert.equal(alone.status, 400);
    assert.equal(alone.headers.get("mcp-session-id"), null);
    assert.match(
      (await alone.json()).error.message,
      /initialize must not be part of a JSON-RPC batch/,
    );
    assert.equal(server.services.sessions.counts().total, 0, "no session opened and lost");

    const openAt = async (version: string) => {
      const response = await post(server, initializeRequest(version));
      await response.body?.cancel();
      return {
        "Mcp-Session-Id": response.headers.get("mcp-session-id")!,
        "MCP-Protocol-Version": version,
      };
    };
    const modern = await openAt("2025-06-18");
    const batch = await post(server, [ping(1)], modern);
    assert.equal(batch.status, 400);
    const refused = await batch.json();
    assert.equal(refused.error.code, -32600);
    assert.match(refused.error.message, /no JSON-RPC batches since 2025-06-18/);
    // 2025-03-26 still has batches.
    const older = await openAt("2025-03-26");
    const allowed = await post(server, [ping(1), ping("two")], older);
    assert.equal(allowed.status, 200);
    assert.equal((await allowed.json()).length, 2);

    for (const [id, word] of [[null, "null"], [1.5, "a fraction"]] as const) {
      const response = await post(server, ping(id), modern);
      const body = await response.json();
      assert.equal(body.error?.code, -32600, `id ${id}`);
      assert.match(body.error.message, new RegExp(`string or an integer, not ${word}`));
      assert.equal(body.id, id);
    }
    const fine = await post(server, ping(7), modern);
    assert.deepEqual((await fine.json()).result, {});
  } finally {
    await server.shutdown();
  }
});

Deno.test("WebSocket: MCP's batch and id rules hold for MCP; custom methods keep JSON-RPC 2.0", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    // Plain JSON-RPC: a batch of custom methods, and a null id on a custom method, are served.
    const custom = await client.sendRaw(JSON.stringify([
      { jsonrpc: "2.0", id: 1, method: "persona.list" },
      { jsonrpc: "2.0", id: null, method: "system.status" },
    ])) as Json[];
    assert.equal(custom.length, 2);
    assert.ok(custom.every((reply) => "result" in reply), JSON.stringify(custom));

    const withInit = await client.sendRaw(JSON.stringify([
      initializeRequest("2025-03-26", "init"),
      ping("p"),
    ])) as Json[];
    assert.equal(withInit.length, 2);
    for (const reply of withInit) {
      assert.match((reply.error as Json).message as string, /initialize must not be part/);
    }

    const nullId = await client.sendRaw(JSON.stringify(ping(null))) as Json;
    assert.equal(nullId.id, null);
    assert.match((nullId.error as Json).message as string, /not null/);
    const mixed = await client.sendRaw(JSON.stringify([
      { jsonrpc: "2.0", id: 2.5, method: "tools/list" },
      { jsonrpc: "2.0", id: 3, method: "persona.list" },
    ])) as Json[];
    assert.equal(mixed.length, 2);
    const byId = new Map(mixed.map((reply) => [reply.id, reply]));
    assert.match(((byId.get(2.5)!.error) as Json).message as string, /not a fraction/);
    assert.ok("result" in byId.get(3)!);

    const init = await client.request("initialize", initializeRequest("2025-06-18").params);
    assert.equal((init.result as Json).protocolVersion, "2025-06-18");
    const after = await client.sendRaw(JSON.stringify([ping(4), ping(5)])) as Json[];
    assert.deepEqual(after.map((reply) => (reply.error as Json).code), [-32600, -32600]);
    assert.match((after[0]!.error as Json).message as string, /negotiated MCP 2025-06-18/);
  } finally {
    await client.close();
    await server.shutdown();
  }
});
