/**
 * Smaller MCP edges (attack15 #8-#10): `ping` takes open params like every MCP request, DELETE
 * checks `MCP-Protocol-Version` as POST does, a `_meta` naming a legacy revision is not told
 * that revision is supported, a `taskId` that is no string is -32602 (not a header mismatch), and
 * `initialize` with a live session's id is refused (400) instead of opening a second session.
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { MODERN, modernMeta, modernPost, responseOf, tasksMeta } from "./_mcp_modern.ts";
import { initializeRequest, open, post } from "../core/server/transport/_mcp_http_test_utils.ts";

type Json = Record<string, unknown>;

Deno.test("MCP edges: open ping params, DELETE's version header, legacy _meta, numeric taskId", async () => {
  const server = await startTestServer();
  try {
    const headers = await open(server);
    for (const params of [{ foo: 1 }, { _meta: { progressToken: 1 } }]) {
      const ping = await post(server, { jsonrpc: "2.0", id: 1, method: "ping", params }, headers);
      assert.deepEqual((await ping.json()).result, {}, JSON.stringify(params));
    }

    // initialize again with a live session's id: refused, the session kept, none opened.
    const sessions = server.services.sessions.counts().total;
    const again = await post(server, initializeRequest(), headers);
    assert.equal(again.status, 400);
    assert.match((await again.json()).error.message, /already initialized/);
    assert.equal(again.headers.get("mcp-session-id"), null);
    assert.equal(server.services.sessions.counts().total, sessions);

    const refused = await fetch(server.mcpUrl, {
      method: "DELETE",
      headers: { ...headers, "MCP-Protocol-Version": "1999-01-01" },
    });
    assert.equal(refused.status, 400);
    assert.equal((await refused.json()).error.code, -32022);
    const alive = await post(server, { jsonrpc: "2.0", id: 2, method: "ping" }, headers);
    assert.equal(alive.status, 200, "the session was not ended");
    await alive.body?.cancel();

    // On the WebSocket (no header to disagree with first).
    const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
    const legacy = await client.request("tools/list", {
      _meta: modernMeta({ "io.modelcontextprotocol/protocolVersion": "2025-06-18" }),
    });
    await client.close();
    const error = legacy.error as Json;
    assert.equal(error.code, -32022);
    assert.deepEqual((error.data as Json).supported, [MODERN]);
    assert.match(error.message as string, /negotiated by initialize/);

    const numeric = await modernPost(
      server.mcpUrl,
      { jsonrpc: "2.0", id: 4, method: "tasks/get", params: { _meta: tasksMeta(), taskId: 42 } },
      { "Mcp-Name": "42" },
    );
    assert.equal(numeric.status, 400);
    const invalid = responseOf(numeric).error as Json;
    assert.equal(invalid.code, -32602);
    assert.match(invalid.message as string, /taskId must be a string/);
  } finally {
    await server.shutdown();
  }
});
