/**
 * `subscriptions/listen` places per client (attack25 F4): sockets that send a listen, read its
 * acknowledgement and never read again held every MAX_LISTENS place. One client (an address, an
 * IPv6 /64, behind TRUSTED_PROXIES the client forwarded for) holds at most
 * MAX_LISTENS_PER_CLIENT, over WebSocket and Streamable HTTP together; other clients still
 * listen. REST's POST /api/rpc, which cannot stream, refuses a listen. Real sockets on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { delay, RpcClient, startTestServer } from "./_helpers.ts";
import { MODERN, modernMeta } from "./_mcp_modern.ts";

type Json = Record<string, unknown>;

/** A listen's request body. */
function listenBody(id: string): string {
  return JSON.stringify({
    jsonrpc: "2.0",
    id,
    method: "subscriptions/listen",
    params: { _meta: modernMeta(), notifications: { resourcesListChanged: true } },
  });
}

/**
 * Sends a listen over a raw Streamable HTTP connection (as `forwardedFor` when given, through
 * the trusted proxy 127.0.0.1) and reads its first answer: the acknowledgement (the socket is
 * then kept and never read again) or the refusal (the socket is closed).
 */
async function rawListen(
  port: number,
  id: string,
  forwardedFor?: string,
): Promise<{ acknowledged: boolean; text: string; conn?: Deno.TcpConn }> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const body = listenBody(id);
  const head = [
    "POST /mcp HTTP/1.1",
    "Host: 127.0.0.1",
    "Content-Type: application/json",
    "Accept: application/json, text/event-stream",
    `MCP-Protocol-Version: ${MODERN}`,
    "Mcp-Method: subscriptions/listen",
    ...(forwardedFor ? [`X-Forwarded-For: ${forwardedFor}`] : []),
    `Content-Length: ${new TextEncoder().encode(body).length}`,
  ];
  await conn.write(new TextEncoder().encode(`${head.join("\r\n")}\r\n\r\n${body}`));
  let text = "";
  const buffer = new Uint8Array(8192);
  while (!/acknowledged|"error"[\s\S]*\}\s*\}\s*$/.test(text)) {
    const read = await conn.read(buffer);
    if (read === null) break;
    text += new TextDecoder().decode(buffer.subarray(0, read));
  }
  const acknowledged = text.includes("notifications/subscriptions/acknowledged");
  if (acknowledged) return { acknowledged, text, conn };
  conn.close();
  return { acknowledged, text };
}

function assertPerClientRefusal(text: string, what: string): void {
  assert.match(text, /-32007/, what);
  assert.match(text, /MAX_LISTENS_PER_CLIENT/, what);
}

Deno.test("one client holds at most MAX_LISTENS_PER_CLIENT listens over WebSocket and HTTP together; others still listen", async () => {
  const server = await startTestServer({
    MAX_LISTENS: "12",
    MAX_LISTENS_PER_CLIENT: "2",
    TRUSTED_PROXIES: "127.0.0.1",
  });
  const port = Number(new URL(server.mcpUrl).port);
  const held: Deno.TcpConn[] = [];
  const ws = await RpcClient.connect(server.wsUrl, ["mcp"]);
  const keep = async (id: string, client?: string) => {
    const answer = await rawListen(port, id, client);
    assert.ok(answer.acknowledged, `${id} (${client}): ${answer.text.slice(-300)}`);
    held.push(answer.conn!);
  };
  try {
    // Client 10.0.0.1: two streams that never read again, then refused; 10.0.0.2 is not.
    await keep("a1", "10.0.0.1");
    await keep("a2", "10.0.0.1");
    assertPerClientRefusal((await rawListen(port, "a3", "10.0.0.1")).text, "a3");
    await keep("b1", "10.0.0.2");
    // An IPv6 client is its /64: a second address of it is the same client, another /64 is not.
    await keep("v1", "2001:db8:1:2::1");
    await keep("v2", "2001:db8:1:2::2");
    assertPerClientRefusal((await rawListen(port, "v3", "2001:db8:1:2:ffff::3")).text, "v3");
    await keep("w1", "2001:db8:1:3::1");

    // The WebSocket's client (127.0.0.1, no forwarding header) counts across transports.
    for (const id of ["s1", "s2"]) {
      void ws.request("subscriptions/listen", {
        _meta: modernMeta(),
        notifications: { resourcesListChanged: true },
      }, id);
      await ws.waitForNotification((n) =>
        n.method === "notifications/subscriptions/acknowledged" &&
        (n.params._meta as Json)["io.modelcontextprotocol/subscriptionId"] === id
      );
    }
    const third = await Promise.race([
      ws.request("subscriptions/listen", {
        _meta: modernMeta(),
        notifications: { resourcesListChanged: true },
      }, "s3"),
      // Acknowledged instead of refused: the stream stays open and is never answered.
      ws.waitForNotification((n) =>
        n.method === "notifications/subscriptions/acknowledged" &&
        (n.params._meta as Json)["io.modelcontextprotocol/subscriptionId"] === "s3"
      ).then(() => ({ error: { code: "acknowledged", data: {} } })),
    ]);
    assert.equal((third.error as Json).code, -32007);
    assert.equal(((third.error as Json).data as Json).reason, "per_client");
    assertPerClientRefusal((await rawListen(port, "h1")).text, "loopback over HTTP");

    // A stream that ends frees its client's place.
    ws.notify("notifications/cancelled", { requestId: "s1" });
    let answer = await rawListen(port, "h2");
    for (let tries = 0; !answer.acknowledged && tries < 50; tries++) {
      await delay(20);
      answer = await rawListen(port, "h2");
    }
    assert.ok(answer.acknowledged, answer.text.slice(-300));
    held.push(answer.conn!);
  } finally {
    for (const conn of held) conn.close();
    await ws.close();
    await server.shutdown();
  }
});

Deno.test("MAX_LISTENS_PER_CLIENT unset is a quarter of MAX_LISTENS", async () => {
  const server = await startTestServer({ MAX_LISTENS: "8" });
  const port = Number(new URL(server.mcpUrl).port);
  const held: Deno.TcpConn[] = [];
  try {
    for (const id of ["q1", "q2"]) {
      const answer = await rawListen(port, id);
      assert.ok(answer.acknowledged, answer.text.slice(-300));
      held.push(answer.conn!);
    }
    assertPerClientRefusal((await rawListen(port, "q3")).text, "q3");
  } finally {
    for (const conn of held) conn.close();
    await server.shutdown();
  }
});

Deno.test("POST /api/rpc refuses subscriptions/listen at once: it cannot stream, and held a place", async () => {
  const server = await startTestServer({ MAX_LISTENS: "1" });
  try {
    const response = await fetch(`${server.apiUrl}/rpc`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: listenBody("r1"),
      // Not a timing: a listen served there never answers (before the refusal it hung here).
      signal: AbortSignal.timeout(30_000),
    });
    const reply = await response.json();
    assert.equal(reply.error.code, -32601);
    assert.match(reply.error.data.hint, /cannot stream/);
    // The one place is free for a listen that can stream.
    const port = Number(new URL(server.mcpUrl).port);
    const answer = await rawListen(port, "m1");
    assert.ok(answer.acknowledged, answer.text.slice(-300));
    answer.conn!.close();
  } finally {
    await server.shutdown();
  }
});
