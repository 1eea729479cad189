/**
 * Acceptance: the official MCP TypeScript SDK client (v1) talks to this server over each of its
 * transports (WebSocket, Streamable HTTP, stdio) and uses tools, resources and prompts.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { WebSocketClientTransport } from "@modelcontextprotocol/sdk/client/websocket.js";
import type { RunningServer } from "../core/server/server.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { REPO_ROOT, startTestServer } from "./_helpers.ts";

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

type Structured = Record<string, unknown>;
/** The parts of a listed tool these tests read (the SDK's own types lose them under Deno). */
type Tool = { name: string; inputSchema: { type: string }; annotations?: unknown };

function textOf(result: { content?: unknown }): string {
  const blocks = result.content as Array<{ type: string; text?: string }>;
  return blocks.filter((block) => block.type === "text").map((block) => block.text).join("\n");
}

/**
 * What every transport must support, end to end. `wholeProgress: false` accepts a missing last
 * progress message: the SDK client runs notification handlers a microtask late but drops a
 * request's progress handler as soon as its response is read, so when a stdio read brings the
 * last progress line and the response together, that last progress is lost on the client side
 * (the server sent it first; the WebSocket and SSE tests below see every one).
 */
async function exercise(client: Client, options = { wholeProgress: true }): Promise<void> {
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

  // The chat tool against the test Ollama server; a progress token streams the answer.
  const progress: string[] = [];
  const chat = await client.callTool(
    { name: "conversation_send_message", arguments: { content: "Tell me of the stars" } },
    undefined,
    { onprogress: (update: { message?: string }) => progress.push(update.message ?? "") },
  );
  assert.ok(!chat.isError, textOf(chat));
  const answer = chat.structuredContent as { response: string; persona_id: string };
  assert.match(answer.response, /You said: user: Tell me of the stars/);
  assert.equal(answer.persona_id, (switched.structuredContent as Structured).persona_id);
  assert.ok(progress.length > 1, "the answer streamed as progress notifications");
  if (options.wholeProgress) {
    assert.equal(progress.join(""), answer.response, "the progress messages join to the answer");
  } else {
    assert.ok(answer.response.startsWith(progress.join("")), "progress came in answer order");
  }

  // The exchange became one of Kira's memories: the memory tool and resource both show it.
  const recalled = await client.callTool({ name: "memory_search", arguments: { query: "stars" } });
  const memories = (recalled.structuredContent as { memories: Array<{ content: string }> })
    .memories;
  assert.ok(memories.some((memory) => memory.content.includes("Tell me of the stars")));
  const recent = await client.readResource({ uri: `persona://${answer.persona_id}/memories` });
  assert.ok(JSON.parse((recent.contents[0] as { text: string }).text).total >= 1);

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
  const prompt = await client.getPrompt({ name: "aria", arguments: { sender: "Tamsin" } });
  const text = (prompt.messages[0].content as { text: string }).text;
  assert.match(text, /You are Aria/);
  assert.match(text, /talking with Tamsin/);
}

/** A server (in this process) whose Ollama is the test server; both stop after `test`. */
async function withServers(test: (server: RunningServer) => Promise<void>): Promise<void> {
  const fake = FakeOllama.start();
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  try {
    await test(server);
  } finally {
    await server.shutdown();
    await fake.stop();
  }
}

Deno.test("the SDK client works over the WebSocket (/mcp, subprotocol mcp)", async () => {
  await withServers(async (server) => {
    const client = new Client({ name: "sdk-ws-test", version: "1.0.0" });
    try {
      await client.connect(new WebSocketClientTransport(new URL(server.wsUrl)));
      await exercise(client);
    } finally {
      await client.close();
    }
  });
});

Deno.test("the SDK client works over Streamable HTTP (POST /mcp, sessions)", async () => {
  await withServers(async (server) => {
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
    }
  });
});

Deno.test("the SDK client works over stdio (main.ts --stdio)", async () => {
  const fake = FakeOllama.start();
  const dataDir = tempDirSync("persona-stdio-");
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    // Settings as flags: the SDK passes the child only a few safe environment variables.
    args: [
      "run",
      "-A",
      `${REPO_ROOT}/main.ts`,
      "--stdio",
      "--data-dir",
      dataDir,
      "--ollama-host",
      fake.url,
    ],
    cwd: dataDir,
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Uint8Array) => stderr += new TextDecoder().decode(chunk));
  const client = new Client({ name: "sdk-stdio-test", version: "1.0.0" });
  try {
    await client.connect(transport);
    await exercise(client, { wholeProgress: false });
  } finally {
    await client.close();
    await fake.stop();
  }
  assert.match(stderr, /READY persona-mcp \S+ stdio/, "logs go to stderr");
});
