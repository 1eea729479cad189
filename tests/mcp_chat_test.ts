/**
 * The chat tool end to end over MCP: model-server failures as tool errors, and MCP cancellation
 * reaching the test model server. Each test runs once per provider.
 */
import assert from "node:assert/strict";
import { delay, RpcClient, startTestServer } from "./_helpers.ts";
import { eachProvider } from "./_providers.ts";

type ToolResult = {
  isError?: boolean;
  content: Array<{ text: string }>;
  structuredContent: unknown;
};

eachProvider.test("model server absent: conversation_send_message is an isError result saying what to do", async (p) => {
  const fake = p.start();
  await fake.stop(); // Nothing listens there any more.
  const server = await startTestServer(p.env(fake));
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    const aria = await server.services.personas.resolve("aria");
    const result = await client.call<ToolResult>("tools/call", {
      name: "conversation_send_message",
      arguments: { content: "Hello?", persona_id: aria.id },
    });
    assert.equal(result.isError, true);
    assert.match(result.content[0]!.text, /conversation_send_message failed: /);
    assert.match(result.content[0]!.text, p.unreachableHint);
    assert.equal((result.structuredContent as { error: { code: number } }).error.code, -32003);

    // No persona chosen and none given: the agent is told which tool to call first.
    const none = await client.call<ToolResult>("tools/call", {
      name: "conversation_send_message",
      arguments: { content: "Hello?" },
    });
    assert.equal(none.isError, true);
    assert.match(none.content[0]!.text, /Call persona_switch first, or pass persona_id/);
  } finally {
    await client.close();
    await server.shutdown();
  }
});

eachProvider.test("notifications/cancelled stops a streaming chat tool: the server sees it, no answer comes", async (p) => {
  const fake = p.start({ tokenDelayMs: 20, reply: () => "word ".repeat(200).trim() });
  const server = await startTestServer(p.env(fake));
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    await client.call("tools/call", {
      name: "persona_switch",
      arguments: { persona_id: "kira" },
    });
    let answered = false;
    client.request("tools/call", {
      name: "conversation_send_message",
      arguments: { content: "Speak at length" },
      _meta: { progressToken: 7 },
    }, "chat-1").then(() => answered = true);
    const first = await client.waitForNotification((n) => n.method === "notifications/progress");
    assert.deepEqual([first.params.progressToken, first.params.progress], [7, 1]);

    client.notify("notifications/cancelled", { requestId: "chat-1", reason: "user stopped it" });
    await fake.waitForAbandoned(1);
    assert.equal(fake.abandoned, 1, "the test model server saw the connection close");
    // Wait (untimed) until the server has finished the cancelled request...
    const session = server.services.sessions.all().find((each) => each.kind === "websocket")!;
    while (session.inflightIds().length > 0) await delay(5);
    // ...then a later answer on the same socket proves none was sent for it.
    await client.call("ping");
    assert.equal(answered, false, "MCP: a cancelled request gets no response");

    const progressAfter = client.notifications.length;
    const again = await client.call<ToolResult>("tools/call", {
      name: "persona_get",
      arguments: {},
    });
    assert.equal((again.structuredContent as { persona: { name: string } }).persona.name, "Kira");
    assert.equal(client.notifications.length, progressAfter, "no progress after the cancel");
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

eachProvider.test("Streamable HTTP: a chat streams as SSE progress; leaving the stream stops the model", async (p) => {
  const fake = p.start({ tokenDelayMs: 20, reply: () => "word ".repeat(200).trim() });
  const server = await startTestServer(p.env(fake));
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(server.mcpUrl, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json, text/event-stream",
        ...headers,
      },
      body: JSON.stringify(body),
    });
  try {
    const init = await post({
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: { protocolVersion: "2025-11-25" },
    });
    await init.body?.cancel();
    const headers = { "Mcp-Session-Id": init.headers.get("mcp-session-id")! };
    const response = await post({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: {
        name: "conversation_send_message",
        arguments: {
          content: "Speak",
          persona_id: (await server.services.personas.resolve("aria")).id,
        },
        _meta: { progressToken: "p" },
      },
    }, headers);
    assert.equal(response.headers.get("content-type"), "text/event-stream");
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const { value } = await reader.read();
    assert.match(
      value!,
      /^event: message\ndata: \{"jsonrpc":"2.0","method":"notifications\/progress"/,
    );
    await reader.cancel();
    await fake.waitForAbandoned(1);
    assert.equal(fake.abandoned, 1, "leaving the stream cancelled the model call");
  } finally {
    await server.shutdown();
    await fake.stop();
  }
});
