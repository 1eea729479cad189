/**
 * The MCP Streamable HTTP endpoint: protocol revisions, sessions issued and ended, bad HTTP input,
 * batches, SSE answers and separate sessions. Its guards (Origin, Host, idle expiry, deep bodies):
 * `mcp_http_guards_test.ts`.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { defineHandler } from "../define_handler.ts";
import {
  BATCH_REVISION,
  initializeRequest,
  JSON_AND_SSE,
  open,
  post,
  withServer,
} from "./_mcp_http_test_utils.ts";

Deno.test("initialize echoes a supported revision and offers the latest otherwise", async () => {
  await withServer(async (server) => {
    for (const [asked, answered] of [["2024-11-05", "2024-11-05"], ["1999-01-01", "2025-11-25"]]) {
      const response = await post(server, initializeRequest(asked));
      const body = await response.json();
      assert.equal(body.result.protocolVersion, answered);
      assert.deepEqual(Object.keys(body.result.capabilities).sort(), [
        "logging",
        "prompts",
        "resources",
        "tools",
      ]);
    }
  });
});

Deno.test("a session id is issued at initialize, required after, and ended by DELETE", async () => {
  await withServer(async (server) => {
    const headers = await open(server);
    const initialized = await post(
      server,
      { jsonrpc: "2.0", method: "notifications/initialized" },
      headers,
    );
    assert.equal(initialized.status, 202);
    assert.equal(await initialized.text(), "");

    const ping = { jsonrpc: "2.0", id: 1, method: "ping" };
    const answered = await post(server, ping, headers);
    assert.equal(answered.headers.get("content-type"), "application/json");
    assert.deepEqual(await answered.json(), { jsonrpc: "2.0", id: 1, result: {} });

    const anonymous = await post(server, ping);
    assert.equal(anonymous.status, 400);
    assert.match((await anonymous.json()).error.message, /Mcp-Session-Id header is required/);
    const unknown = await post(server, ping, { "Mcp-Session-Id": "not-a-session" });
    assert.equal(unknown.status, 404);
    await unknown.body?.cancel();

    const ended = await fetch(server.mcpUrl, { method: "DELETE", headers });
    assert.equal(ended.status, 204);
    const after = await post(server, ping, headers);
    assert.equal(after.status, 404, "an ended session is gone: the client must initialize again");
    await after.body?.cancel();
  });
});

Deno.test("a failed initialize leaves no session and issues no id", async () => {
  await withServer(async (server) => {
    const before = server.services.sessions.counts().total;
    const response = await post(server, {
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: {},
    });
    assert.equal(response.headers.get("mcp-session-id"), null);
    assert.equal((await response.json()).error.code, -32602);
    assert.equal(server.services.sessions.counts().total, before);
  });
});

Deno.test("an unsupported MCP-Protocol-Version is 400 with the revisions spoken; GET is 405", async () => {
  await withServer(async (server) => {
    const headers = await open(server);
    const ping = { jsonrpc: "2.0", id: 1, method: "ping" };
    const refused = await post(server, ping, { ...headers, "MCP-Protocol-Version": "2099-01-01" });
    assert.equal(refused.status, 400);
    // MCP 2026-07-28's UnsupportedProtocolVersionError: a dual-era client retries with a listed one.
    const { error } = await refused.json();
    assert.equal(error.code, -32022);
    assert.deepEqual(error.data.requested, "2099-01-01");
    assert.ok(
      error.data.supported.includes("2025-11-25") && error.data.supported.includes("2026-07-28"),
    );
    const older = await post(server, ping, { ...headers, "MCP-Protocol-Version": "2025-03-26" });
    assert.equal(older.status, 200);
    await older.body?.cancel();

    const get = await fetch(server.mcpUrl, { headers: { Accept: "text/event-stream" } });
    assert.equal(get.status, 405);
    assert.equal(get.headers.get("allow"), "POST, DELETE, OPTIONS");
    await get.body?.cancel();
  });
});

Deno.test("bad HTTP input gets a clear 4xx and the session keeps working", async () => {
  await withServer(async (server) => {
    const headers = await open(server);
    const cases: Array<[BodyInit, Record<string, string>, number, RegExp]> = [
      ["{not json", headers, 400, /Parse error/],
      ["[]", headers, 400, /empty batch/],
      ['{"jsonrpc":"2.0","method":"x","params":5}', headers, 400, /params/],
      [
        '{"jsonrpc":"2.0","id":1,"method":"ping"}',
        { ...headers, "Content-Type": "text/plain" },
        415,
        /Content-Type/,
      ],
      [
        '{"jsonrpc":"2.0","id":1,"method":"ping"}',
        { ...headers, Accept: "text/html" },
        406,
        /Not Acceptable/,
      ],
      [`{"pad":"${"x".repeat(3000)}"}`, headers, 413, /larger than 2048 bytes/],
    ];
    for (const [body, extra, status, message] of cases) {
      const response = await fetch(server.mcpUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: JSON_AND_SSE, ...extra },
        body,
      });
      assert.equal(response.status, status, `${body.toString().slice(0, 40)} -> ${status}`);
      assert.match(JSON.stringify(await response.json()), message);
    }
    // initialize as a notification opens nothing: it is an ordinary message without a session.
    const notified = await post(server, { jsonrpc: "2.0", method: "initialize", params: {} });
    assert.equal(notified.status, 400);
    assert.match((await notified.json()).error.message, /Mcp-Session-Id/);

    const ping = await post(server, { jsonrpc: "2.0", id: 2, method: "ping" }, headers);
    assert.equal(ping.status, 200);
    await ping.body?.cancel();
  }, { MAX_FRAME_BYTES: "2048" });
});

Deno.test("a batch is answered as one JSON array; server/discover without the modern _meta is -32602", async () => {
  await withServer(async (server) => {
    const headers = await open(server, BATCH_REVISION);
    const response = await post(server, [
      { jsonrpc: "2.0", id: 1, method: "ping" },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 2, method: "server/discover" },
    ], headers);
    const replies = await response.json();
    assert.equal(replies.length, 2);
    assert.deepEqual(replies[0], { jsonrpc: "2.0", id: 1, result: {} });
    assert.equal(replies[1].error.code, -32602);
    assert.match(replies[1].error.message, /server\/discover belongs to MCP 2026-07-28/);
  });
});

Deno.test("a call that notifies first is answered as SSE: notifications, then the response", async () => {
  await withServer(async (server) => {
    const headers = await open(server);
    const level = await post(server, {
      jsonrpc: "2.0",
      id: 1,
      method: "logging/setLevel",
      params: { level: "debug" },
    }, headers);
    await level.body?.cancel();
    const response = await post(server, {
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "persona_list", arguments: {} },
    }, headers);
    assert.equal(response.headers.get("content-type"), "text/event-stream");
    const events = (await response.text()).trim().split("\n\n").map((event) => {
      assert.match(event, /^event: message\ndata: /);
      return JSON.parse(event.slice(event.indexOf("data: ") + 6));
    });
    assert.equal(events.length, 2);
    assert.equal(events[0].method, "notifications/message");
    assert.equal(events[0].params.level, "debug");
    assert.equal(events[1].id, 2);
    assert.equal(events[1].result.structuredContent.total_count, 2);

    // A client that accepts only JSON gets JSON, without the notification.
    const plain = await post(server, {
      jsonrpc: "2.0",
      id: 3,
      method: "tools/call",
      params: { name: "persona_list", arguments: {} },
    }, { ...headers, Accept: "application/json" });
    assert.equal(plain.headers.get("content-type"), "application/json");
    assert.equal((await plain.json()).id, 3);
  });
});

Deno.test("an SSE answer whose unread events pass MAX_QUEUED_BYTES is ended, its work abandoned", async () => {
  const bound = 1 << 20;
  await withServer(async (server) => {
    let abandoned = false;
    server.dispatcher.registry.add(defineHandler({
      method: "test.flood",
      description: "Notifies past the queue's bound at once, then waits",
      params: z.strictObject({}),
      handle: (_params, ctx) => {
        const padding = "x".repeat(64 * 1024);
        for (let i = 0; i < 2 * bound / padding.length; i++) ctx.notify("test.chunk", { padding });
        // Cut off while it notified, or later.
        return new Promise((_resolve, reject) => {
          const stop = () => {
            abandoned = true;
            reject(ctx.signal.reason);
          };
          if (ctx.signal.aborted) stop();
          else ctx.signal.addEventListener("abort", stop);
        });
      },
    }));
    const headers = await open(server);
    const response = await post(server, {
      jsonrpc: "2.0",
      id: 7,
      method: "test.flood",
      params: {},
    }, headers);
    assert.equal(response.headers.get("content-type"), "text/event-stream");
    // Sent at once, before the response writer had a turn: more than the bound waited unread.
    const reader = response.body!.getReader();
    let received = 0;
    while (received <= bound) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.length;
    }
    if (received > bound) await reader.cancel();
    assert.ok(received < bound, `the backlog was dropped (${received} bytes came)`);
    for (let tries = 0; tries < 200 && !abandoned; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.ok(abandoned, "the call was cancelled");
  }, { MAX_QUEUED_BYTES: String(bound), MAX_REPLY_BYTES: String(bound) });
});

Deno.test("a client that accepts SSE alone gets its answers as SSE; q=0 refuses a type", async () => {
  await withServer(async (server) => {
    const sseOnly = { Accept: "text/event-stream" };
    const opened = await post(server, initializeRequest(BATCH_REVISION), sseOnly);
    assert.equal(opened.headers.get("content-type"), "text/event-stream");
    const session = opened.headers.get("mcp-session-id")!;
    assert.ok(session, "the session id comes with the stream");
    assert.match(await opened.text(), /^event: message\ndata: \{"jsonrpc":"2.0","id":0,"result"/);
    const headers = {
      "Mcp-Session-Id": session,
      "MCP-Protocol-Version": BATCH_REVISION,
      ...sseOnly,
    };
    for (
      const body of [{ jsonrpc: "2.0", id: 1, method: "ping" }, [{
        jsonrpc: "2.0",
        id: 2,
        method: "ping",
      }]]
    ) {
      const response = await post(server, body, headers);
      assert.equal(response.headers.get("content-type"), "text/event-stream");
      assert.match(
        await response.text(),
        /^event: message\ndata: \[?\{"jsonrpc":"2.0","id":[12],"result":\{\}/,
      );
    }
    const refused = await post(server, { jsonrpc: "2.0", id: 3, method: "ping" }, {
      ...headers,
      Accept: "application/json;q=0, text/event-stream;q=0",
    });
    assert.equal(refused.status, 406);
    await refused.body?.cancel();
  });
});

Deno.test("HTTP sessions are separate: a switch in one is not seen in another", async () => {
  await withServer(async (server) => {
    const [first, second] = [await open(server), await open(server)];
    const call = async (headers: Record<string, string>, name: string, args = {}) => {
      const response = await post(server, {
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name, arguments: args },
      }, headers);
      return (await response.json()).result;
    };
    await call(first, "persona_switch", { persona_id: "Aria" });
    assert.equal(
      (await call(first, "session_get_info")).structuredContent.active_persona_name,
      "Aria",
    );
    assert.equal(
      (await call(second, "session_get_info")).structuredContent.active_persona_name,
      null,
    );
  });
});
