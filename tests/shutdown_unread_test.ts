/**
 * Shutdown ends although clients never read what they were sent (review35 R3). Deno's
 * `HttpServer.shutdown()` waits, with no time limit, for every answer to be written: an HTTP
 * client that pipelines requests and never reads their answers held it (and so the server's
 * shutdown) forever. A WebSocket client here also never reads and ignores the 1001 close.
 */
import assert from "node:assert/strict";
import { startTestServer } from "./_helpers.ts";
import { rawUpgrade } from "./_fragment_flood.ts";

const encoder = new TextEncoder();
const LIST_TOOLS = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });

/** A masked client text frame of `text`. */
function textFrame(text: string): Uint8Array {
  const payload = encoder.encode(text);
  const head = payload.length < 126
    ? [0x81, 0x80 | payload.length]
    : [0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff];
  const mask = [1, 2, 3, 4];
  const frame = new Uint8Array(head.length + 4 + payload.length);
  frame.set([...head, ...mask]);
  payload.forEach((byte, i) => frame[head.length + 4 + i] = byte ^ mask[i % 4]!);
  return frame;
}

/** An MCP session over Streamable HTTP on `mcpUrl`: its headers. */
async function mcpSession(mcpUrl: string): Promise<Record<string, string>> {
  const headers = {
    "Content-Type": "application/json",
    Accept: "application/json, text/event-stream",
  };
  const initialized = await fetch(mcpUrl, {
    method: "POST",
    headers,
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "t", version: "1" },
      },
    }),
  });
  await initialized.body?.cancel();
  return {
    ...headers,
    "Mcp-Session-Id": initialized.headers.get("mcp-session-id")!,
    "MCP-Protocol-Version": "2025-06-18",
  };
}

Deno.test({
  name:
    "shutdown ends although an HTTP client never reads its answers and a WebSocket ignores its close",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startTestServer({ SHUTDOWN_GRACE_MS: "0" });
    const mcp = new URL(server.mcpUrl);
    const headers = await mcpSession(server.mcpUrl);
    const http = await Deno.connect({ hostname: mcp.hostname, port: Number(mcp.port) });
    const socket = await rawUpgrade(server.wsUrl);
    let stopped = false;
    try {
      // 400 pipelined tools/list, about 30 KB each: more than the sockets' buffers hold.
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join(
        "",
      );
      const post = `POST ${mcp.pathname} HTTP/1.1\r\nHost: ${mcp.host}\r\n${lines}` +
        `Content-Length: ${encoder.encode(LIST_TOOLS).length}\r\n\r\n${LIST_TOOLS}`;
      await http.write(encoder.encode(post.repeat(400)));
      for (let i = 0; i < 200; i++) await socket.write(textFrame(LIST_TOOLS));
      // Until the answers stop flowing: the unread bytes fill the buffers.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const stop = server.shutdown().then(() => stopped = true);
      // Far past the bound: this waits for shutdown to end, and fails only if it never would.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([stop, new Promise((resolve) => timer = setTimeout(resolve, 30_000))]);
      clearTimeout(timer);
      assert.ok(stopped, "shutdown never ended");
    } finally {
      http.close();
      socket.close();
      if (!stopped) await server.shutdown().catch(() => {});
    }
  },
});
