/**
 * MCP 2026-07-28 over Streamable HTTP, raw: `server/discover`, stateless requests (no
 * `Mcp-Session-Id`, no session kept), the request metadata headers and their errors, cache hints,
 * and the legacy era beside it, unchanged.
 */
import assert from "node:assert/strict";
import type { RunningServer } from "../core/server/server.ts";
import { startTestServer } from "./_helpers.ts";
import {
  MODERN,
  modernMeta,
  modernPost,
  modernRequest,
  responseOf,
  tasksMeta,
} from "./_mcp_modern.ts";

async function withServer(test: (server: RunningServer) => Promise<void>): Promise<void> {
  const server = await startTestServer();
  try {
    await test(server);
  } finally {
    await server.shutdown();
  }
}

type Json = Record<string, unknown>;

Deno.test("server/discover answers the revisions of both eras, the capabilities and the server's identity", async () => {
  await withServer(async (server) => {
    const answer = await modernPost(server.mcpUrl, modernRequest("d1", "server/discover"));
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get("mcp-session-id"), null, "no session is issued");
    const result = responseOf(answer).result as Json;
    assert.equal(result.resultType, "complete");
    assert.deepEqual(result.supportedVersions, [
      MODERN,
      "2025-11-25",
      "2025-06-18",
      "2025-03-26",
      "2024-11-05",
    ]);
    assert.deepEqual(result.capabilities, {
      tools: { listChanged: false },
      resources: { subscribe: true, listChanged: true },
      prompts: { listChanged: true },
      extensions: { "io.modelcontextprotocol/tasks": {} },
    });
    assert.match(String(result.instructions), /persona_id/);
    assert.equal(result.ttlMs, 3_600_000);
    assert.equal(result.cacheScope, "public");
    const meta = result._meta as Json;
    assert.deepEqual(meta["io.modelcontextprotocol/serverInfo"], {
      name: "persona-mcp",
      title: "Persona MCP",
      version: server.services.version,
    });
  });
});

Deno.test("modern requests are stateless: no session id is needed or kept, nothing carries over", async () => {
  await withServer(async (server) => {
    const before = server.services.sessions.counts().total;
    const call = (id: number, name: string, args: Json, headers: Record<string, string> = {}) =>
      modernPost(
        server.mcpUrl,
        modernRequest(id, "tools/call", { name, arguments: args }),
        headers,
      );
    // A stale legacy session id on a modern request is ignored, not refused.
    const switched = await call(1, "persona_get", { persona_id: "kira" }, {
      "Mcp-Session-Id": "no-such-session",
    });
    const kira = (responseOf(switched).result as Json).structuredContent as Json;
    assert.equal((kira.persona as Json).name, "Kira", "a name picks the persona, any case");
    const alone = responseOf(await call(2, "persona_get", {})).result as Json;
    assert.equal(alone.isError, true, "no persona remembered from an earlier request");
    assert.match(
      String((alone.content as Json[])[0]!.text),
      /Pass persona_id: the persona's id or name/,
    );
    assert.equal(server.services.sessions.counts().total, before, "no session was opened");

    const { tools } = responseOf(
      await modernPost(server.mcpUrl, modernRequest(3, "tools/list")),
    ).result as { tools: Array<{ name: string; inputSchema: Json }> };
    const names = tools.map((tool) => tool.name);
    assert.ok(!names.includes("persona_switch") && !names.includes("session_get_info"));
    const send = tools.find((tool) => tool.name === "conversation_send_message")!;
    assert.ok((send.inputSchema.required as string[]).includes("persona_id"));
  });
});

Deno.test("list results carry cache hints in the modern era only", async () => {
  await withServer(async (server) => {
    const hints: Record<string, [number, string]> = {
      "tools/list": [3_600_000, "public"],
      "resources/templates/list": [3_600_000, "public"],
      "resources/list": [30_000, "private"],
      "prompts/list": [30_000, "private"],
    };
    let id = 0;
    for (const [method, [ttlMs, cacheScope]] of Object.entries(hints)) {
      const result = responseOf(await modernPost(server.mcpUrl, modernRequest(++id, method)))
        .result as Json;
      assert.equal(result.ttlMs, ttlMs, method);
      assert.equal(result.cacheScope, cacheScope, method);
    }
    const read = responseOf(
      await modernPost(
        server.mcpUrl,
        modernRequest(++id, "resources/read", { uri: "persona://aria" }),
      ),
    ).result as Json;
    assert.equal(read.ttlMs, 60_000);
    assert.equal(read.cacheScope, "private");
    // The legacy era's results stay as they were.
    const init = await fetch(server.mcpUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 0,
        method: "initialize",
        params: { protocolVersion: "2025-11-25", capabilities: {} },
      }),
    });
    const session = init.headers.get("mcp-session-id")!;
    await init.body?.cancel();
    const legacy = await fetch(server.mcpUrl, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "Mcp-Session-Id": session,
        "MCP-Protocol-Version": "2025-11-25",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    const listed = (await legacy.json()).result as Json;
    assert.equal("ttlMs" in listed || "resultType" in listed || "_meta" in listed, false);
    assert.ok((listed.tools as Array<{ name: string }>).some((t) => t.name === "persona_switch"));
  });
});

Deno.test("headers that disagree with the body are 400 HeaderMismatch (-32020); base64 names decode", async () => {
  await withServer(async (server) => {
    const read = modernRequest(1, "resources/read", { uri: "persona://aria" });
    const cases: Array<[Record<string, string | null>, RegExp]> = [
      [{ "Mcp-Method": null }, /Mcp-Method header is required/],
      [{ "Mcp-Method": "tools/list" }, /Mcp-Method header value 'tools\/list'/],
      [{ "Mcp-Name": null }, /Mcp-Name header is required/],
      [{ "Mcp-Name": "persona://kira" }, /Mcp-Name header value 'persona:\/\/kira'/],
      [{ "Mcp-Name": "=?base64?!!!?=" }, /malformed base64/],
    ];
    for (const [headers, message] of cases) {
      const answer = await modernPost(server.mcpUrl, read, headers);
      assert.equal(answer.status, 400, JSON.stringify(headers));
      const error = responseOf(answer).error as Json;
      assert.equal(error.code, -32020);
      assert.match(String(error.message), message);
    }
    const encoded = `=?base64?${btoa("persona://aria")}?=`;
    const ok = await modernPost(server.mcpUrl, read, { "Mcp-Name": encoded });
    assert.equal(ok.status, 200);
    const body = modernRequest(2, "tools/list", {
      _meta: modernMeta({ "io.modelcontextprotocol/protocolVersion": "2025-11-25" }),
    });
    const mismatched = await modernPost(server.mcpUrl, body);
    assert.equal(mismatched.status, 400);
    assert.equal((responseOf(mismatched).error as Json).code, -32020);
  });
});

Deno.test("envelope errors: unknown revision -32022 (400), missing _meta -32602 (400), removed or unknown method -32601 (404)", async () => {
  await withServer(async (server) => {
    const unknown = await modernPost(server.mcpUrl, modernRequest(1, "tools/list"), {
      "MCP-Protocol-Version": "2099-01-01",
    });
    assert.equal(unknown.status, 400);
    const refused = responseOf(unknown) as { id: unknown; error: Json };
    assert.equal(refused.id, 1);
    assert.equal(refused.error.code, -32022);
    assert.deepEqual(refused.error.data, {
      supported: [MODERN, "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"],
      requested: "2099-01-01",
    });

    for (
      const meta of [undefined, modernMeta({ "io.modelcontextprotocol/clientCapabilities": null })]
    ) {
      const message = { jsonrpc: "2.0", id: 2, method: "tools/list", params: { _meta: meta } };
      const answer = await modernPost(server.mcpUrl, message);
      assert.equal(answer.status, 400);
      assert.equal((responseOf(answer).error as Json).code, -32602);
    }
    const level = modernRequest(3, "tools/list", {
      _meta: modernMeta({ "io.modelcontextprotocol/logLevel": "loud" }),
    });
    assert.equal((await modernPost(server.mcpUrl, level)).status, 400);

    for (const method of ["ping", "initialize", "logging/setLevel", "no/such"]) {
      const answer = await modernPost(server.mcpUrl, modernRequest(4, method));
      assert.equal(answer.status, 404, method);
      assert.equal((responseOf(answer).error as Json).code, -32601, method);
    }
    // Notifications need no headers and are accepted; batches are not part of the revision.
    const note = await modernPost(server.mcpUrl, {
      jsonrpc: "2.0",
      method: "notifications/cancelled",
      params: { requestId: 9 },
    });
    assert.equal(note.status, 202);
    // A message that is neither (a method that is no string, even one with no string form, or
    // the wrong "jsonrpc") is an invalid request, never silently accepted.
    for (
      const message of [
        { jsonrpc: "2.0", id: 6, method: { toString: 1 } },
        { jsonrpc: "2.0", method: 7 },
        { jsonrpc: "1.0", id: 8, method: "tools/list", params: { _meta: modernMeta() } },
        { jsonrpc: "2.0", id: 9 },
      ]
    ) {
      const answer = await modernPost(server.mcpUrl, message, { "Mcp-Method": "tools/list" });
      assert.equal(answer.status, 400, JSON.stringify(message));
      const error = responseOf(answer).error as Json;
      assert.equal(error.code, -32600, JSON.stringify(message));
    }
    const batch = await modernPost(server.mcpUrl, [modernRequest(5, "tools/list")], {
      "Mcp-Method": "tools/list",
    });
    assert.equal(batch.status, 400);
    assert.equal((responseOf(batch).error as Json).code, -32600);
  });
});

Deno.test("a memory is stored, corrected and deleted through the tools, statelessly", async () => {
  await withServer(async (server) => {
    let id = 0;
    const tool = async (name: string, args: Json) => {
      const answer = await modernPost(
        server.mcpUrl,
        modernRequest(++id, "tools/call", { name, arguments: args }),
      );
      const result = responseOf(answer).result as Json;
      assert.equal(result.isError, undefined, JSON.stringify(result.content));
      return result.structuredContent as Json;
    };
    const stored = await tool("memory_store", {
      persona_id: "Aria",
      content: "Tamsin's boat is called the Gull",
      importance: 0.8,
    });
    const memoryId = String(stored.memory_id);
    const corrected = await tool("memory_update", {
      memory_id: memoryId,
      content: "Tamsin's boat is called the Heron",
    });
    assert.equal((corrected.memory as Json).content, "Tamsin's boat is called the Heron");
    const listed = await tool("memory_list", { persona_id: "aria" });
    const memories = listed.memories as Array<{ id: string; content: string }>;
    assert.deepEqual(
      memories.filter((m) => m.id === memoryId).map((m) => m.content),
      ["Tamsin's boat is called the Heron"],
    );
    const found = await tool("memory_search", { persona_id: "aria", query: "Heron boat" });
    assert.ok((found.memories as Array<{ id: string }>).some((m) => m.id === memoryId));
    const deleted = await tool("memory_delete", { memory_id: memoryId });
    assert.equal(deleted.deleted, true);
    const after = await tool("memory_list", { persona_id: "aria" });
    assert.ok(!(after.memories as Array<{ id: string }>).some((m) => m.id === memoryId));
  });
});

Deno.test("simulation_run streams progress on the response stream, or runs as a task when the client declares the extension", async () => {
  await withServer(async (server) => {
    const args = { model: "scripted", ticks: 12, seed: 7 };
    const streamed = await modernPost(
      server.mcpUrl,
      modernRequest(1, "tools/call", {
        name: "simulation_run",
        arguments: args,
        _meta: modernMeta({ progressToken: "sim" }),
      }),
    );
    assert.equal(streamed.headers.get("content-type"), "text/event-stream");
    assert.equal(streamed.headers.get("x-accel-buffering"), "no");
    const progress = streamed.messages.filter((m) => m.method === "notifications/progress")
      .map((m) => m.params as { progressToken: string; progress: number; total: number });
    assert.deepEqual(progress.map((p) => p.progress), [...Array(12).keys()].map((i) => i + 1));
    assert.ok(progress.every((p) => p.total === 12 && p.progressToken === "sim"));
    const done = (responseOf(streamed).result as Json).structuredContent as Json;
    assert.equal((done.summary as Json).ticks_run, 12);

    const created = responseOf(
      await modernPost(
        server.mcpUrl,
        modernRequest(2, "tools/call", {
          name: "simulation_run",
          arguments: args,
          _meta: tasksMeta(),
        }),
      ),
    ).result as Json;
    assert.equal(created.resultType, "task");
    assert.equal(created.status, "working");
    assert.match(String(created.taskId), /^[\w-]{43}$/, "256 random bits in base64url");
    let task: Json = created;
    for (let poll = 3; task.status === "working" && poll < 200; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      task = responseOf(
        await modernPost(
          server.mcpUrl,
          modernRequest(poll, "tasks/get", { taskId: created.taskId, _meta: tasksMeta() }),
        ),
      ).result as Json;
      assert.equal(task.resultType, "complete");
    }
    assert.equal(task.status, "completed");
    const result = (task.result as Json).structuredContent as Json;
    assert.deepEqual(result.conversations, done.conversations, "same seed, same run");

    // Task methods need the extension declared (-32021), and a known task (-32602).
    const undeclared = await modernPost(
      server.mcpUrl,
      modernRequest(300, "tasks/get", { taskId: created.taskId }),
    );
    assert.equal(undeclared.status, 400);
    assert.equal((responseOf(undeclared).error as Json).code, -32021);
    const unknown = await modernPost(
      server.mcpUrl,
      modernRequest(301, "tasks/get", { taskId: "nope", _meta: tasksMeta() }),
    );
    assert.equal((responseOf(unknown).error as Json).code, -32602);
  });
});
