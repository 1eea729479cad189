/**
 * MCP 2026-07-28 on the WebSocket and stdio (Streamable HTTP: mcp_modern_http_test.ts): the
 * modern era beside the legacy one on one connection, stateless requests in a session of their
 * own, and `subscriptions/listen` (acknowledgement, change notifications, cancel, end of input).
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { REPO_ROOT, RpcClient, startTestServer } from "./_helpers.ts";
import { MODERN, modernMeta, modernRequest, tasksMeta } from "./_mcp_modern.ts";

type Json = Record<string, unknown>;

Deno.test("on one WebSocket, modern requests are stateless while the legacy session keeps its persona", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    const sessions = server.services.sessions.counts().total;
    const discover = await client.call("server/discover", { _meta: modernMeta() });
    assert.equal(discover.resultType, "complete");
    assert.deepEqual((discover.supportedVersions as string[])[0], MODERN);

    await client.call("initialize", { protocolVersion: "2025-11-25", capabilities: {} });
    await client.call("tools/call", { name: "persona_switch", arguments: { persona_id: "kira" } });
    const legacy = await client.call("tools/call", { name: "persona_get", arguments: {} });
    assert.equal(((legacy.structuredContent as Json).persona as Json).name, "Kira");
    assert.equal("resultType" in legacy, false, "legacy results stay as they were");

    const modern = await client.call("tools/call", {
      name: "persona_get",
      arguments: {},
      _meta: modernMeta(),
    });
    assert.equal(modern.isError, true, "the session's persona is not the modern request's");
    assert.equal(modern.resultType, "complete");
    const switchTool = await client.request("tools/call", {
      name: "persona_switch",
      arguments: { persona_id: "aria" },
      _meta: modernMeta(),
    });
    assert.equal((switchTool.error as Json).code, -32602, "not a tool without a session");
    const still = await client.call("tools/call", { name: "persona_get", arguments: {} });
    assert.equal(((still.structuredContent as Json).persona as Json).name, "Kira");

    // Removed in the modern era; legacy ping still works; modern-only methods need the _meta.
    assert.equal(
      ((await client.request("ping", { _meta: modernMeta() })).error as Json).code,
      -32601,
    );
    assert.deepEqual(await client.call("ping"), {});
    const bare = await client.request("server/discover");
    assert.equal((bare.error as Json).code, -32602);
    const unknown = await client.request("tools/list", {
      _meta: modernMeta({ "io.modelcontextprotocol/protocolVersion": "2030-01-01" }),
    });
    assert.equal((unknown.error as Json).code, -32022);
    assert.equal(server.services.sessions.counts().total, sessions, "modern requests add none");
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("subscriptions/listen acknowledges, then tells of list changes and resource updates, until cancelled", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    const aria = await server.services.personas.resolve("aria");
    const listened = client.request("subscriptions/listen", {
      _meta: modernMeta(),
      notifications: {
        toolsListChanged: true,
        promptsListChanged: true,
        resourcesListChanged: true,
        resourceSubscriptions: [`persona://${aria.id}/memories`, "file:///etc/passwd"],
      },
    }, "listen-1");
    const ack = await client.waitForNotification((n) =>
      n.method === "notifications/subscriptions/acknowledged"
    );
    assert.deepEqual(ack.params, {
      _meta: { "io.modelcontextprotocol/subscriptionId": "listen-1" },
      notifications: {
        promptsListChanged: true,
        resourcesListChanged: true,
        resourceSubscriptions: [`persona://${aria.id}/memories`],
      },
    }, "tools never change and unknown URIs are not watched");

    await client.call("tools/call", {
      name: "memory_store",
      arguments: { persona_id: "aria", content: "The lighthouse keeper owes Aria a song" },
      _meta: modernMeta(),
    });
    const updated = await client.waitForNotification((n) =>
      n.method === "notifications/resources/updated"
    );
    assert.deepEqual(updated.params, {
      _meta: { "io.modelcontextprotocol/subscriptionId": "listen-1" },
      uri: `persona://${aria.id}/memories`,
    });
    await client.call("persona.create", { name: "Wren", description: "A ferry pilot" });
    for (
      const method of ["notifications/resources/list_changed", "notifications/prompts/list_changed"]
    ) {
      const changed = await client.waitForNotification((n) => n.method === method);
      assert.deepEqual(changed.params._meta, {
        "io.modelcontextprotocol/subscriptionId": "listen-1",
      });
    }
    // Cancelled by the client: no answer follows, and the socket goes on.
    client.notify("notifications/cancelled", { requestId: "listen-1" });
    const answered = await Promise.race([
      listened.then(() => "answered"),
      new Promise((resolve) => setTimeout(() => resolve("silent"), 300)),
    ]);
    assert.equal(answered, "silent");
    assert.deepEqual(await client.call("ping"), {});

    // Task ids need the tasks extension (-32021).
    const refused = await client.request("subscriptions/listen", {
      _meta: modernMeta(),
      notifications: { taskIds: ["x"] },
    });
    assert.equal((refused.error as Json).code, -32021);
    const tasksOk = client.request("subscriptions/listen", {
      _meta: tasksMeta(),
      notifications: { taskIds: ["unknown"] },
    }, "listen-2");
    const ack2 = await client.waitForNotification((n) =>
      n.method === "notifications/subscriptions/acknowledged" &&
      (n.params._meta as Json)["io.modelcontextprotocol/subscriptionId"] === "listen-2"
    );
    assert.deepEqual(ack2.params.notifications, {});
    client.notify("notifications/cancelled", { requestId: "listen-2" });
    void tasksOk;
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("over stdio, a subscription ends with its closing result when the input ends", async () => {
  const dataDir = tempDirSync("persona-stdio-modern-");
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${REPO_ROOT}/main.ts`, "--stdio", "--data-dir", dataDir],
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
    cwd: dataDir,
  }).spawn();
  const lines = [
    modernRequest(1, "server/discover"),
    modernRequest(2, "subscriptions/listen", { notifications: { resourcesListChanged: true } }),
  ];
  const writer = child.stdin.getWriter();
  await writer.write(
    new TextEncoder().encode(lines.map((l) => JSON.stringify(l)).join("\n") + "\n"),
  );
  // Give the subscription time to start, then close the input.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await writer.close();
  const output = await child.output();
  assert.equal(output.code, 0);
  const messages = new TextDecoder().decode(output.stdout).trim().split("\n").map((line) =>
    JSON.parse(line)
  );
  const byId = (id: number) => messages.find((m) => m.id === id);
  assert.equal(byId(1).result.resultType, "complete");
  const ack = messages.find((m) => m.method === "notifications/subscriptions/acknowledged");
  assert.deepEqual(ack.params.notifications, { resourcesListChanged: true });
  assert.ok(messages.indexOf(ack) < messages.indexOf(byId(2)), "acknowledged before it ended");
  assert.deepEqual(byId(2).result._meta["io.modelcontextprotocol/subscriptionId"], 2);
  assert.equal(byId(2).result.resultType, "complete");
});

Deno.test("resources: persona cards, memories, chat and persona-to-persona transcripts; prompts speak as a persona with its memories", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    const meta = modernMeta();
    const { resourceTemplates } = await client.call("resources/templates/list", { _meta: meta });
    assert.deepEqual(
      (resourceTemplates as Array<{ uriTemplate: string }>).map((t) => t.uriTemplate),
      [
        "persona://{id}",
        "persona://{id}/memories",
        "persona://{id}/transcript",
        "conversation://{id}",
      ],
    );
    const started = await client.call("tools/call", {
      name: "dialogue_start",
      arguments: { participants: ["Aria", "kira"], topic: "music" },
      _meta: meta,
    });
    const conversationId = String((started.structuredContent as Json).conversation_id);
    const { resources } = await client.call("resources/list", { _meta: meta });
    assert.ok(
      (resources as Array<{ uri: string }>).some((r) =>
        r.uri === `conversation://${conversationId}`
      ),
    );
    const read = await client.call("resources/read", {
      uri: `conversation://${conversationId}`,
      _meta: meta,
    });
    const contents = (read.contents as Array<{ mimeType: string; text: string }>)[0]!;
    assert.equal(contents.mimeType, "text/markdown");
    assert.match(contents.text, /^# Aria, Kira: music/);
    const transcript = await client.call("resources/read", {
      uri: "persona://aria/transcript",
      _meta: meta,
    });
    assert.match(
      (transcript.contents as Array<{ text: string }>)[0]!.text,
      /# Chat with Aria\n\n_No messages yet._/,
    );

    await client.call("tools/call", {
      name: "memory_store",
      arguments: { persona_id: "kira", content: "Kira hid the map under the third floorboard" },
      _meta: meta,
    });
    const prompt = await client.call("prompts/get", {
      name: "kira",
      arguments: { sender: "Aria", message: "Where did you hide the map?" },
      _meta: meta,
    });
    const text = ((prompt.messages as Array<{ content: { text: string } }>)[0]!).content.text;
    assert.match(text, /You are Kira/);
    assert.match(text, /talking with Aria/);
    assert.match(text, /Who you are talking with:\n- Aria/, "the relationship with the sender");
    assert.match(text, /Things you remember[^\n]*:\n- Kira hid the map under the third floorboard/);
    assert.equal(
      prompt.description,
      `Speak as Kira: ${(await server.services.personas.resolve("kira")).description}`,
    );
  } finally {
    await client.close();
    await server.shutdown();
  }
});
