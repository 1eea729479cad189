/**
 * Acceptance: the official MCP TypeScript SDK client (v1) talks to this server over each of its
 * transports (WebSocket, Streamable HTTP, stdio) and uses tools, resources and prompts.
 */
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { WebSocketClientTransport } from "@modelcontextprotocol/sdk/client/websocket.js";
import { REPO_ROOT, startTestServer } from "./_helpers.ts";

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

type Structured = Record<string, unknown>;
/** The parts of a listed tool these tests read (the SDK's own types lose them under Deno). */
type Tool = { name: string; inputSchema: { type: string }; annotations?: unknown };

function textOf(result: { content?: unknown }): string {
  const blocks = result.content as Array<{ type: string; text?: string }>;
  return blocks.filter((block) => block.type === "text").map((block) => block.text).join("\n");
}

/** What every transport must support, end to end. */
async function exercise(client: Client): Promise<void> {
  assert.equal(client.getServerVersion()?.name, "persona-mcp");
  const capabilities = client.getServerCapabilities()!;
  assert.ok(capabilities.tools && capabilities.resources && capabilities.prompts);
  await client.ping();

  const tools: Tool[] = (await client.listTools()).tools;
  const names = tools.map((tool) => tool.name);
  for (const name of ["persona_list", "persona_switch", "persona_get", "session_get_info"]) {
    assert.ok(names.includes(name), `tools/list lacks ${name}`);
  }
  for (const tool of tools) {
    assert.match(tool.name, TOOL_NAME);
    assert.equal(tool.inputSchema.type, "object");
    assert.ok(tool.annotations, `${tool.name} has annotations`);
  }

  const listed = await client.callTool({ name: "persona_list", arguments: {} });
  assert.ok(!listed.isError);
  const personas = (listed.structuredContent as Structured).personas as Array<Structured>;
  assert.deepEqual(personas.map((persona) => persona.name).sort(), ["Aria", "Kira"]);
  assert.deepEqual(JSON.parse(textOf(listed)), listed.structuredContent);

  const switched = await client.callTool({
    name: "persona_switch",
    arguments: { persona_id: "kira" },
  });
  assert.equal((switched.structuredContent as Structured).name, "Kira");
  // The session remembers the switch: the next call without persona_id sees Kira.
  const active = await client.callTool({ name: "persona_get", arguments: {} });
  assert.equal(((active.structuredContent as Structured).persona as Structured).name, "Kira");

  const missing = await client.callTool({
    name: "persona_switch",
    arguments: { persona_id: "nobody" },
  });
  assert.equal(missing.isError, true);
  assert.match(textOf(missing), /nobody/);
  assert.match(textOf(missing), /persona_list/);
  await assert.rejects(
    client.callTool({ name: "no_such_tool", arguments: {} }),
    /-32602.*Unknown tool: no_such_tool/,
  );

  const resources: Array<{ name: string; uri: string }> = (await client.listResources()).resources;
  const aria = resources.find((resource) => resource.name === "Aria")!;
  assert.match(aria.uri, /^persona:\/\/[0-9a-f-]{36}$/);
  const read = await client.readResource({ uri: aria.uri });
  const profile = JSON.parse((read.contents[0] as { text: string }).text);
  assert.equal(profile.name, "Aria");
  assert.equal(read.contents[0].mimeType, "application/json");

  const prompts: Array<{ name: string; description?: string }> =
    (await client.listPrompts()).prompts;
  assert.ok(prompts.some((prompt) => prompt.name === "aria" && prompt.description));
  const prompt = await client.getPrompt({ name: "aria" });
  const text = (prompt.messages[0].content as { text: string }).text;
  assert.match(text, /You are Aria/);
}

Deno.test("the SDK client works over the WebSocket (/mcp, subprotocol mcp)", async () => {
  const server = await startTestServer();
  const client = new Client({ name: "sdk-ws-test", version: "1.0.0" });
  try {
    await client.connect(new WebSocketClientTransport(new URL(server.wsUrl)));
    await exercise(client);
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("the SDK client works over Streamable HTTP (POST /mcp, sessions)", async () => {
  const server = await startTestServer();
  const transport = new StreamableHTTPClientTransport(new URL(server.mcpUrl));
  const client = new Client({ name: "sdk-http-test", version: "1.0.0" });
  try {
    await client.connect(transport);
    assert.ok(transport.sessionId, "initialize issued an Mcp-Session-Id");
    assert.equal(server.services.sessions.get(transport.sessionId!)?.kind, "http");
    await exercise(client);
    await transport.terminateSession();
    assert.equal(server.services.sessions.get(transport.sessionId ?? ""), undefined);
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("the SDK client works over stdio (main.ts --stdio)", async () => {
  const dataDir = Deno.makeTempDirSync({ prefix: "persona-stdio-" });
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", "-A", `${REPO_ROOT}/main.ts`, "--stdio", "--data-dir", dataDir],
    cwd: dataDir,
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Uint8Array) => stderr += new TextDecoder().decode(chunk));
  const client = new Client({ name: "sdk-stdio-test", version: "1.0.0" });
  try {
    await client.connect(transport);
    await exercise(client);
  } finally {
    await client.close();
  }
  assert.match(stderr, /READY persona-mcp \S+ stdio/, "logs go to stderr");
});
