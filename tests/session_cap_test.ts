/**
 * MAX_SESSIONS against a flood, end to end on real sockets: opening sessions needs no credentials
 * on loopback, so a client opening sessions past the cap must not end the sessions other clients
 * used lately (EVICTION_GRACE_MS); only long-idle ones make room, and otherwise the newcomer is
 * refused with 503 and Retry-After. Likewise MAX_CONNECTIONS silent WebSockets must not lock
 * everyone else out for good (SILENT_GRACE_MS). Time comes from a manual clock, never sleeps.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../core/clock.ts";
import { startServer } from "../core/server/server.ts";
import { EVICTION_GRACE_MS } from "../core/sessions/registry.ts";
import { SILENT_GRACE_MS } from "../core/server/transport/ws.ts";
import { MCP_INITIALIZE, RpcClient, testConfig, testLogger } from "./_helpers.ts";
import { modernMeta } from "./_mcp_modern.ts";

const MCP_HEADERS = { "Content-Type": "application/json", Accept: "application/json" };

Deno.test("a session flood past MAX_SESSIONS ends only long-idle sessions; the rest get 503 + Retry-After", async () => {
  const clock = new ManualClock();
  const server = await startServer(testConfig({ MAX_SESSIONS: "5" }), {
    log: testLogger(),
    clock,
  });
  const openRest = () => fetch(`${server.apiUrl}/sessions`, { method: "POST" });
  const restSession = async (id: string) => {
    const response = await fetch(`${server.apiUrl}/sessions/${id}`);
    await response.body?.cancel();
    return response.status;
  };
  try {
    const abandoned = (await (await openRest()).json()).session_id as string;
    clock.advance(EVICTION_GRACE_MS); // unused for exactly the grace period from here on

    // The victim: an MCP HTTP session and a REST session, both used just now.
    const init = await fetch(server.mcpUrl, {
      method: "POST",
      headers: MCP_HEADERS,
      body: MCP_INITIALIZE,
    });
    await init.body?.cancel();
    const mcpSession = init.headers.get("mcp-session-id")!;
    assert.ok(mcpSession);
    const victim = (await (await openRest()).json()).session_id as string;

    const statuses: number[] = [];
    const refusals: Response[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await openRest();
      statuses.push(response.status);
      if (response.status === 503) refusals.push(response);
      else await response.body?.cancel();
    }
    // 3 open: 2 free places, then the abandoned one makes room; the rest are refused.
    assert.deepEqual(statuses, [201, 201, 201, ...Array(17).fill(503)]);
    const refused = refusals[0]!;
    assert.equal(refused.headers.get("retry-after"), String(EVICTION_GRACE_MS / 1000));
    const body = await refused.json();
    assert.equal(body.error.code, -32007);
    assert.match(body.error.message, /used within the last 5 minutes/);
    for (const response of refusals.slice(1)) await response.body?.cancel();

    // MCP initialize at the cap: 503 with the same JSON-RPC error and Retry-After.
    const mcpRefused = await fetch(server.mcpUrl, {
      method: "POST",
      headers: MCP_HEADERS,
      body: MCP_INITIALIZE,
    });
    assert.equal(mcpRefused.status, 503);
    assert.equal(mcpRefused.headers.get("retry-after"), String(EVICTION_GRACE_MS / 1000));
    assert.equal((await mcpRefused.json()).error.code, -32007);

    assert.equal(await restSession(abandoned), 404, "the long-idle session made room");
    assert.equal(await restSession(victim), 200, "the victim's REST session lives");
    const ping = await fetch(server.mcpUrl, {
      method: "POST",
      headers: {
        ...MCP_HEADERS,
        "Mcp-Session-Id": mcpSession,
        "Mcp-Protocol-Version": "2025-11-25",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
    });
    assert.equal(ping.status, 200, "the victim's MCP session lives");
    assert.deepEqual((await ping.json()).result, {});
    assert.equal(server.services.sessions.counts().total, 5);

    // Once every session has been idle for the grace period, newcomers make room again.
    clock.advance(EVICTION_GRACE_MS);
    const later = await openRest();
    await later.body?.cancel();
    assert.equal(later.status, 201);
    assert.equal(server.services.sessions.counts().total, 5);
  } finally {
    await server.shutdown();
  }
});

Deno.test("at MAX_CONNECTIONS a socket silent for SILENT_GRACE_MS is closed for a newcomer; a chatty one stays", async () => {
  assert.equal(SILENT_GRACE_MS, 300_000);
  const clock = new ManualClock();
  const server = await startServer(testConfig({ MAX_CONNECTIONS: "2" }), {
    log: testLogger(),
    clock,
  });
  // The chatty one opened first: were messages not sampled, it would be the one silent longest.
  const chatty = await RpcClient.connect(server.wsUrl);
  const silent = await RpcClient.connect(server.wsUrl);
  const clients = [chatty, silent];
  try {
    await assert.rejects(RpcClient.connect(server.wsUrl), "at the cap, nobody silent long enough");
    clock.advance(SILENT_GRACE_MS - 1);
    await assert.rejects(RpcClient.connect(server.wsUrl), "one millisecond short of the grace");
    clock.advance(1);
    assert.deepEqual(await chatty.call("ping"), {}, "the chatty one spoke just now");
    const newcomer = await RpcClient.connect(server.wsUrl);
    clients.push(newcomer);
    const first = await Promise.race(
      [silent, chatty].map((client) => client.closed.then(() => client)),
    );
    assert.equal(first, silent, "the silent one was closed");
    const closed = await silent.closed;
    assert.equal(closed.code, 1008);
    assert.match(closed.reason, /Silent too long/);
    assert.deepEqual(await chatty.call("ping"), {});
    assert.deepEqual(await newcomer.call("ping"), {});
    await assert.rejects(RpcClient.connect(server.wsUrl), "both open ones spoke lately");
  } finally {
    for (const client of clients) await client.close();
    await server.shutdown();
  }
});

/** Sends `head` as a raw HTTP/1.1 request to `url`'s host and returns the status line. */
async function rawStatus(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  const tcp = await Deno.connect({ hostname, port: Number(port) });
  try {
    await tcp.write(new TextEncoder().encode(head));
    const buffer = new Uint8Array(4096);
    const read = await tcp.read(buffer);
    return new TextDecoder().decode(buffer.subarray(0, read ?? 0)).split("\r\n")[0]!;
  } finally {
    tcp.close();
  }
}

Deno.test("at MAX_CONNECTIONS a silent socket with a request running (a listen stream) is not closed; a bad upgrade closes nothing", async () => {
  const clock = new ManualClock();
  const server = await startServer(testConfig({ MAX_CONNECTIONS: "2" }), {
    log: testLogger(),
    clock,
  });
  // The listener opened first and then says nothing: by silence alone it would go first.
  const listener = await RpcClient.connect(server.wsUrl, ["mcp"]);
  const silent = await RpcClient.connect(server.wsUrl);
  const clients = [listener, silent];
  try {
    void listener.request("subscriptions/listen", {
      _meta: modernMeta(),
      notifications: { promptsListChanged: true },
    }, "listen-1");
    await listener.waitForNotification((n) =>
      n.method === "notifications/subscriptions/acknowledged"
    );
    await assert.rejects(RpcClient.connect(server.wsUrl), "at the cap, nobody silent long enough");
    clock.advance(SILENT_GRACE_MS);

    // A handshake without Sec-WebSocket-Key: 400, and no socket is closed for it.
    const { host } = new URL(server.wsUrl);
    const status = await rawStatus(
      server.wsUrl,
      `GET /mcp HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        "Sec-WebSocket-Version: 13\r\n\r\n",
    );
    assert.match(status, / 400 /);
    const pinged = await Promise.race([silent.call("ping"), silent.closed.then(() => "closed")]);
    assert.deepEqual(pinged, {}, "the bad upgrade closed nothing");
    await assert.rejects(RpcClient.connect(server.wsUrl), "the ping is seen at this refusal");
    clock.advance(SILENT_GRACE_MS);

    const newcomer = await RpcClient.connect(server.wsUrl);
    clients.push(newcomer);
    const closed = await silent.closed;
    assert.equal(closed.code, 1008, "the idle one made room");
    await assert.rejects(RpcClient.connect(server.wsUrl), "the listener is in use, not silent");
    assert.equal(listener.socket.readyState, WebSocket.OPEN);
    assert.deepEqual(await listener.call("ping"), {});
  } finally {
    for (const client of clients) await client.close();
    await server.shutdown();
  }
});
