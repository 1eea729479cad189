/**
 * MCP tasks and cancels behind a load balancer (attack8 F4, F6): two server processes on one
 * PostgreSQL schema, a task started through one and polled, cancelled and listened to through the
 * other (a legacy session's cancel through the other node: `mcp_cancel_cluster_test.ts`).
 */
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { startCluster } from "./_cluster.ts";
import { delay } from "./_helpers.ts";
import { modernFetch, modernPost, responseOf, tasksMeta } from "./_mcp_modern.ts";
import {
  answersAsUnknown,
  httpOf,
  inSession,
  legacySession,
  overHttp,
  within,
} from "./_mcp_tasks.ts";

type Json = Record<string, unknown>;

async function call(
  url: string,
  id: number,
  method: string,
  params: Json,
  headers: Record<string, string> = {},
): Promise<Json> {
  const answer = await modernPost(url, {
    jsonrpc: "2.0",
    id,
    method,
    params: { _meta: tasksMeta(), ...params },
  }, headers);
  return responseOf(answer);
}

/**
 * Opens `subscriptions/listen` on `url` for `taskIds`; resolves to its acknowledgement and the
 * first `notifications/tasks` it tells (with `withTask`), then closes the stream.
 */
async function listenOn(
  url: string,
  taskIds: string[],
  withTask: boolean,
): Promise<{ honored: Json; task?: Json }> {
  const abort = new AbortController();
  const message = {
    jsonrpc: "2.0",
    id: 99,
    method: "subscriptions/listen",
    params: { _meta: tasksMeta(), notifications: { taskIds } },
  };
  const response = await modernFetch(url, message, { signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  let honored: Json | undefined;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) assert.fail(`stream ended early: ${text}`);
      text += value;
      for (const line of text.split("\n")) {
        if (!line.startsWith("data: ")) continue;
        const event = JSON.parse(line.slice(6)) as Json;
        if (event.method === "notifications/subscriptions/acknowledged") {
          honored = (event.params as Json).notifications as Json;
          if (!withTask) return { honored };
        }
        if (event.method === "notifications/tasks" && honored) {
          return { honored, task: event.params as Json };
        }
      }
    }
  } finally {
    abort.abort();
    await reader.cancel().catch(() => {});
  }
}

async function statusOn(
  url: string,
  taskId: string,
  headers: Record<string, string> = {},
): Promise<Json> {
  return (await call(url, 9, "tasks/get", { taskId }, headers)).result as Json;
}

/** Polls `taskId` on `url` until it is no longer working (fails after 20 s). */
function endOn(
  url: string,
  taskId: string,
  what: string,
  headers: Record<string, string> = {},
): Promise<Json> {
  return within(
    (async () => {
      for (;;) {
        const view = await statusOn(url, taskId, headers);
        if (view.status !== "working") return view;
        await delay(50);
      }
    })(),
    what,
  );
}

Deno.test({
  name:
    "MCP tasks: a task started through one node is polled, followed and cancelled through another",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const cluster = await startCluster({ nodes: 2, chroma: false });
    const [a, b] = cluster.nodes.map((node) => httpOf(node.wsUrl)) as [string, string];
    try {
      // The longest run a client may ask for: it is still running when cancelled below.
      const created = await call(a, 1, "tools/call", {
        name: "simulation_run",
        arguments: { ticks: 10_000 },
      });
      const task = created.result as Json;
      assert.equal(task.resultType, "task", JSON.stringify(created));
      const taskId = task.taskId as string;

      const onB = await call(b, 2, "tasks/get", { taskId });
      assert.equal((onB.result as Json | undefined)?.status, "working", JSON.stringify(onB));
      // B follows A's task: acknowledged, then told of its progress (written by A each second).
      const listened = await within(listenOn(b, [taskId, "not-a-task"], true), "task notified");
      assert.deepEqual(listened.honored.taskIds, [taskId], "the other node's task is followed");
      assert.equal(listened.task?.taskId, taskId);
      assert.match(String(listened.task?.statusMessage), /^tick \d+\/10000/);

      const cancelled = await call(b, 3, "tasks/cancel", { taskId });
      assert.equal(cancelled.error, undefined, JSON.stringify(cancelled));
      // A, which runs it, stops it; both nodes then tell the same.
      const ended = await endOn(a, taskId, "the task stopped on A");
      assert.equal(ended.status, "cancelled");
      assert.deepEqual(await endOn(b, taskId, "B sees the end"), ended);

      // A short run: its result is read through B.
      const short = (await call(a, 4, "tools/call", {
        name: "simulation_run",
        arguments: { ticks: 5 },
      })).result as Json;
      const result = await endOn(b, short.taskId as string, "the short run ended");
      assert.equal(result.status, "completed", JSON.stringify(result));
      assert.ok((result.result as Json).structuredContent, "the result comes along");

      const unknown = await call(b, 6, "tasks/get", { taskId: crypto.randomUUID() });
      assert.equal((unknown.error as Json).code, -32602, "an unknown task stays unknown");
    } finally {
      await cluster.stop();
    }
  },
});

Deno.test({
  name:
    "MCP tasks: a task is its owner's on every node (the token, with or without a legacy session id); to others unknown",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const token = "cluster-owner-token-0123456789";
    const cluster = await startCluster({ nodes: 2, chroma: false, env: { AUTH_TOKEN: token } });
    try {
      const [a, b] = cluster.nodes.map((node) => httpOf(node.wsUrl)) as [string, string];
      // A node of the same schema that takes another token: another principal.
      const other = "cluster-other-token-0123456789";
      const c = httpOf((await cluster.addNode({ AUTH_TOKEN: other })).wsUrl);
      const auth = { Authorization: `Bearer ${token}` };
      const run = { name: "simulation_run", arguments: { ticks: 10_000 } };

      const onA = overHttp(a, auth);
      const byToken = ((await onA("tools/call", run)).result as Json).taskId as string;
      const onB = overHttp(b, auth);
      assert.equal(
        ((await onB("tasks/get", { taskId: byToken })).result as Json).status,
        "working",
      );
      await answersAsUnknown(overHttp(c, { Authorization: `Bearer ${other}` }), byToken, "C");

      // A modern POST carrying a legacy session's id (opened on A, shared) is stateless: the
      // token's task on every node, whichever node the id names.
      const session = await legacySession(a, auth);
      const bySession = ((await session("tools/call", run)).result as Json).taskId as string;
      const viaB = inSession(b, session.sessionId, auth);
      assert.equal(
        ((await viaB("tasks/get", { taskId: bySession })).result as Json).status,
        "working",
      );
      assert.equal(
        ((await onB("tasks/get", { taskId: bySession })).result as Json).status,
        "working",
      );
      await answersAsUnknown(overHttp(c, { Authorization: `Bearer ${other}` }), bySession, "C");

      await onB("tasks/cancel", { taskId: byToken });
      await viaB("tasks/cancel", { taskId: bySession });
      assert.equal((await endOn(a, byToken, "cancelled by token", auth)).status, "cancelled");
    } finally {
      await cluster.stop();
    }
  },
});
