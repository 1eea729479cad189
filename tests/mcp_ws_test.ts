/**
 * MCP over the WebSocket: origin checks on the upgrade, and custom and MCP methods sharing one
 * socket (and one session) without interfering.
 */
import assert from "node:assert/strict";
import { rawHttp, RpcClient, startTestServer } from "./_helpers.ts";

const UPGRADE = {
  Upgrade: "websocket",
  Connection: "Upgrade",
  "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
  "Sec-WebSocket-Version": "13",
  "Sec-WebSocket-Protocol": "mcp",
};

Deno.test("a cross-origin WebSocket upgrade is refused with 403; the dashboard's page may connect", async () => {
  const server = await startTestServer();
  try {
    const foreign = await rawHttp(server.wsUrl.replace("ws:", "http:"), {
      headers: { ...UPGRADE, Origin: "https://evil.example.com" },
    });
    assert.equal(foreign.status, 403);
    assert.match(JSON.parse(foreign.body).error.message, /Origin "https:\/\/evil.example.com"/);
    const rebound = await rawHttp(server.wsUrl.replace("ws:", "http:"), {
      headers: { ...UPGRADE, Host: "attacker.test:8000" },
    });
    assert.equal(rebound.status, 403);

    const otherPort = await rawHttp(server.wsUrl.replace("ws:", "http:"), {
      headers: { ...UPGRADE, Origin: `http://localhost:3000` },
    });
    assert.equal(otherPort.status, 403, "a page on another local port needs CORS_ORIGINS");
    const local = await rawHttp(server.wsUrl.replace("ws:", "http:"), {
      headers: { ...UPGRADE, Origin: `http://localhost:${new URL(server.apiUrl).port}` },
    });
    assert.equal(local.status, 101);
    assert.equal(local.headers.get("sec-websocket-protocol"), "mcp");
  } finally {
    await server.shutdown();
  }
});

Deno.test("custom and MCP methods interleave on one socket and share its session", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    // Sent back to back, answered by id, whatever the order of completion.
    const [init, list, tools, info, prompt] = await Promise.all([
      client.call("initialize", {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "mixed", version: "1" },
      }),
      client.call("persona.list"),
      client.call("tools/list"),
      client.call("session.get_info"),
      client.call("prompts/get", { name: "kira" }),
    ]);
    assert.equal(init.protocolVersion, "2025-06-18");
    assert.equal(list.total_count, 2);
    assert.ok((tools.tools as unknown[]).length >= 5);
    assert.equal(info.active_persona_id, null);
    assert.match(JSON.stringify(prompt), /You are Kira/);
    client.notify("notifications/initialized");

    // A switch through the MCP tool is the session's switch for the custom methods, and back.
    await client.call("tools/call", { name: "persona_switch", arguments: { persona_id: "aria" } });
    const viaCustom = await client.call<{ persona: { name: string } }>("persona.get");
    assert.equal(viaCustom.persona.name, "Aria");
    await client.call("persona.switch", { persona_id: "kira" });
    const viaTool = await client.call<{ structuredContent: { persona: { name: string } } }>(
      "tools/call",
      { name: "persona_get", arguments: {} },
    );
    assert.equal(viaTool.structuredContent.persona.name, "Kira");
    const relations = await client.call<{ structuredContent: { persona_id: string } }>(
      "tools/call",
      { name: "relationship_get", arguments: {} },
    );
    assert.equal(
      relations.structuredContent.persona_id,
      (await server.services.personas.resolve("kira")).id,
    );

    // MCP logging concerns MCP tool calls only: custom calls stay as quiet as before.
    await client.call("logging/setLevel", { level: "debug" });
    await client.call("persona.list");
    assert.equal(client.notifications.length, 0);
    await client.call("tools/call", { name: "persona_list", arguments: {} });
    const logged = await client.waitForNotification((n) => n.method === "notifications/message");
    assert.equal((logged.params.data as { tool: string }).tool, "persona_list");

    // Errors keep their own protocol: a custom error code, and an MCP tool error result.
    const custom = await client.request("persona.get", { persona_id: "nobody" });
    assert.equal((custom.error as { code: number }).code, -32000);
    const tool = await client.call("tools/call", {
      name: "persona_get",
      arguments: { persona_id: "nobody" },
    });
    assert.equal(tool.isError, true);
  } finally {
    await client.close();
    await server.shutdown();
  }
});
