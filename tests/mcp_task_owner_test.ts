/**
 * MCP tasks bound to their owner (ext-tasks 2026-07-28: every task request is authorised and the
 * task id bound to who created it): the WebSocket session, or on stateless HTTP the client's
 * token (a modern POST carrying a legacy session's id is stateless too). Anyone else gets exactly what an unknown id gets. Across two
 * PostgreSQL nodes: tests/mcp_tasks_cluster_test.ts.
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { tasksMeta } from "./_mcp_modern.ts";
import { answersAsUnknown, legacySession, overHttp } from "./_mcp_tasks.ts";

type Json = Record<string, unknown>;

const TOKEN = "owner-test-token-0123456789";
const LONG_RUN = {
  name: "simulation_run",
  arguments: { model: "scripted", ticks: 10_000, seed: 7 },
};
function overWebSocket(client: RpcClient) {
  return (method: string, params: Json) =>
    client.request(method, { _meta: tasksMeta(), ...params }) as Promise<Json>;
}

async function waitFor(ask: () => Promise<Json>, status: string): Promise<Json> {
  let task = await ask();
  for (let i = 0; task.status !== status && i < 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    task = await ask();
  }
  assert.equal(task.status, status);
  return task;
}

Deno.test("a task started on a WebSocket is its connection's: another connection, and a stateless POST get what an unknown id gets", async () => {
  const server = await startTestServer();
  const owner = await RpcClient.connect(server.wsUrl, ["mcp"]);
  const other = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    const created = await owner.call("tools/call", { ...LONG_RUN, _meta: tasksMeta() });
    const taskId = created.taskId as string;
    assert.equal((await owner.call("tasks/get", { taskId, _meta: tasksMeta() })).status, "working");

    await answersAsUnknown(overWebSocket(other), taskId, "another WebSocket");
    await answersAsUnknown(overHttp(server.mcpUrl), taskId, "a stateless POST");
    const listen = other.request("subscriptions/listen", {
      _meta: tasksMeta(),
      notifications: { taskIds: [taskId] },
    }, "listen-other");
    const ack = await other.waitForNotification((n) =>
      n.method === "notifications/subscriptions/acknowledged"
    );
    assert.deepEqual(ack.params.notifications, {}, "another's task is not followed");
    other.notify("notifications/cancelled", { requestId: "listen-other" });
    void listen;

    // The refused cancel changed nothing; the owner's own cancel stops it.
    assert.equal((await owner.call("tasks/get", { taskId, _meta: tasksMeta() })).status, "working");
    await owner.call("tasks/cancel", { taskId, _meta: tasksMeta() });
    await waitFor(() => owner.call("tasks/get", { taskId, _meta: tasksMeta() }), "cancelled");
  } finally {
    await owner.close();
    await other.close();
    await server.shutdown();
  }
});

Deno.test("a modern request in a legacy MCP HTTP session is stateless: refused with the session's header, no session's task with the modern one", async () => {
  const server = await startTestServer();
  try {
    const mine = await legacySession(server.mcpUrl);
    // The session's legacy header disagrees with the modern _meta: refused, nothing started.
    const refused = await fetch(server.mcpUrl, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json, text/event-stream",
        "MCP-Protocol-Version": "2025-11-25",
        "Mcp-Session-Id": mine.sessionId,
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { ...LONG_RUN, _meta: tasksMeta() },
      }),
    });
    assert.equal(refused.status, 400);
    assert.equal((await refused.json()).error.code, -32020);
    // With the modern header the session id is ignored: no owner without AUTH_TOKEN.
    const created = await mine("tools/call", LONG_RUN);
    const taskId = (created.result as Json).taskId as string;
    const theirs = await legacySession(server.mcpUrl);
    assert.equal(((await theirs("tasks/get", { taskId })).result as Json).status, "working");
    const post = overHttp(server.mcpUrl);
    assert.equal(((await post("tasks/get", { taskId })).result as Json).status, "working");
    await mine("tasks/cancel", { taskId });
    await waitFor(async () => (await mine("tasks/get", { taskId })).result as Json, "cancelled");
  } finally {
    await server.shutdown();
  }
});

Deno.test("with AUTH_TOKEN, a task started by a stateless POST belongs to the token, not to a session", async () => {
  const server = await startTestServer({ AUTH_TOKEN: TOKEN });
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const socket = await RpcClient.connect(`${server.wsUrl}?token=${TOKEN}`, ["mcp"]);
  try {
    const post = overHttp(server.mcpUrl, auth);
    const created = await post("tools/call", LONG_RUN);
    const taskId = (created.result as Json).taskId as string;
    // Another POST with the token: the same principal, so the task is its.
    assert.equal(((await post("tasks/get", { taskId })).result as Json).status, "working");
    await answersAsUnknown(overWebSocket(socket), taskId, "a WebSocket session");
    // A POST carrying a legacy session's id is stateless too: the token's.
    const session = await legacySession(server.mcpUrl, auth);
    assert.equal(((await session("tasks/get", { taskId })).result as Json).status, "working");
    await post("tasks/cancel", { taskId });
    await waitFor(async () => (await post("tasks/get", { taskId })).result as Json, "cancelled");
  } finally {
    await socket.close();
    await server.shutdown();
  }
});

Deno.test("without AUTH_TOKEN a stateless POST's task has no owner: its id is the key, from any connection", async () => {
  const server = await startTestServer();
  const socket = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    const post = overHttp(server.mcpUrl);
    const taskId = ((await post("tools/call", LONG_RUN)).result as Json).taskId as string;
    assert.match(taskId, /^[\w-]{43}$/, "256 random bits");
    assert.equal(
      (await socket.call("tasks/get", { taskId, _meta: tasksMeta() })).status,
      "working",
    );
    await socket.call("tasks/cancel", { taskId, _meta: tasksMeta() });
    await waitFor(async () => (await post("tasks/get", { taskId })).result as Json, "cancelled");
  } finally {
    await socket.close();
    await server.shutdown();
  }
});
