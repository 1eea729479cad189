/**
 * MCP 2026-07-28 is stateless: many modern requests — answered, refused, failing, streamed or
 * cancelled, over Streamable HTTP and over one WebSocket — leave the session registry as it was,
 * and nothing stays in flight on the connection that carried them.
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { modernFetch, modernMeta, modernPost, modernRequest, responseOf } from "./_mcp_modern.ts";

type Json = Record<string, unknown>;

Deno.test("a hundred stateless requests of every outcome leave the session registry unchanged", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    const registry = server.services.sessions;
    const before = registry.counts();
    let id = 0;
    // Streamable HTTP: answered, refused by the envelope, refused by the headers, failing tools.
    for (let round = 0; round < 10; round++) {
      const ok = await modernPost(server.mcpUrl, modernRequest(++id, "tools/list"));
      assert.equal(ok.status, 200);
      const tool = await modernPost(
        server.mcpUrl,
        modernRequest(++id, "tools/call", {
          name: "persona_get",
          arguments: { persona_id: "aria" },
        }),
      );
      assert.equal((responseOf(tool).result as Json).isError, undefined);
      const failing = await modernPost(
        server.mcpUrl,
        modernRequest(++id, "tools/call", {
          name: "persona_get",
          arguments: { persona_id: "nobody" },
        }),
      );
      assert.equal((responseOf(failing).result as Json).isError, true);
      const unknownRevision = await modernPost(server.mcpUrl, {
        ...modernRequest(++id, "tools/list"),
        params: {
          _meta: modernMeta({ "io.modelcontextprotocol/protocolVersion": "2030-01-01" }),
        },
      });
      assert.equal(unknownRevision.status, 400);
      const mismatch = await modernPost(server.mcpUrl, modernRequest(++id, "tools/list"), {
        "Mcp-Method": "prompts/list",
      });
      assert.equal(mismatch.status, 400);
      const removed = await modernPost(server.mcpUrl, modernRequest(++id, "ping"));
      assert.equal(removed.status, 404);
      // A subscription the client walks away from.
      const abort = new AbortController();
      const listen = await modernFetch(
        server.mcpUrl,
        modernRequest(++id, "subscriptions/listen", {
          notifications: { promptsListChanged: true },
        }),
        { signal: abort.signal },
      );
      const reader = listen.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      assert.match(first, /notifications\/subscriptions\/acknowledged/);
      abort.abort();
      await reader.cancel().catch(() => {});
    }
    // One WebSocket: modern requests answered, failing and cancelled beside its own session.
    for (let round = 0; round < 10; round++) {
      await client.call("tools/list", { _meta: modernMeta() });
      const failing = await client.request("tools/call", {
        name: "persona_switch",
        arguments: { persona_id: "aria" },
        _meta: modernMeta(),
      });
      assert.equal((failing.error as Json).code, -32602);
      const listenId = `listen-${round}`;
      void client.request("subscriptions/listen", {
        _meta: modernMeta(),
        notifications: { resourcesListChanged: true },
      }, listenId);
      await client.waitForNotification((n) =>
        n.method === "notifications/subscriptions/acknowledged" &&
        (n.params._meta as Json)["io.modelcontextprotocol/subscriptionId"] === listenId
      );
      client.notify("notifications/cancelled", { requestId: listenId });
    }
    assert.deepEqual(await client.call("ping"), {});
    assert.deepEqual(registry.counts(), before, "no session opened or left behind");
    const socket = registry.all().find((session) => session.kind === "websocket");
    assert.ok(socket, "the WebSocket's own session");
    for (let wait = 0; wait < 50 && socket.inflightIds().length > 0; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.deepEqual(socket.inflightIds(), [], "nothing left in flight on the socket");
  } finally {
    await client.close();
    await server.shutdown();
  }
});
