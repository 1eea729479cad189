/**
 * MCP tasks and cancels behind a load balancer (attack8 F4, F6): two server processes on one
 * PostgreSQL schema, a task started through one and polled, cancelled and listened to through the
 * other; a legacy MCP HTTP session whose `notifications/cancelled` lands on the other node stops
 * the request on the node that serves it.
 */
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { startCluster } from "./_cluster.ts";
import { delay } from "./_helpers.ts";
import { modernPost, responseOf, tasksMeta } from "./_mcp_modern.ts";

type Json = Record<string, unknown>;

/** `work`, or a failure naming `what` after 20 s (so that a lost message fails, not hangs). */
async function within<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), 20_000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const httpOf = (wsUrl: string) => wsUrl.replace(/^ws/, "http");

async function call(url: string, id: number, method: string, params: Json): Promise<Json> {
  const answer = await modernPost(url, {
    jsonrpc: "2.0",
    id,
    method,
    params: { _meta: tasksMeta(), ...params },
  });
  return responseOf(answer);
}

/** Opens `subscriptions/listen` on `url` and returns its acknowledgement, then closes it. */
async function acknowledged(url: string, taskIds: string[]): Promise<Json> {
  const abort = new AbortController();
  const message = {
    jsonrpc: "2.0",
    id: 99,
    method: "subscriptions/listen",
    params: { _meta: tasksMeta(), notifications: { taskIds } },
  };
  const response = await fetch(url, {
    method: "POST",
    signal: abort.signal,
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json, text/event-stream",
      "MCP-Protocol-Version": "2026-07-28",
      "Mcp-Method": "subscriptions/listen",
    },
    body: JSON.stringify(message),
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) assert.fail(`stream ended before its acknowledgement: ${text}`);
      text += value;
      for (const line of text.split("\n")) {
        if (!line.startsWith("data: ")) continue;
        const event = JSON.parse(line.slice(6)) as Json;
        if (event.method === "notifications/subscriptions/acknowledged") {
          return (event.params as Json).notifications as Json;
        }
      }
    }
  } finally {
    abort.abort();
    await reader.cancel().catch(() => {});
  }
}

Deno.test({
  name:
    "MCP tasks: a task started through one node is polled, cancelled and listened to through another",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const cluster = await startCluster({ nodes: 2, chroma: false });
    const [a, b] = cluster.nodes.map((node) => httpOf(node.wsUrl)) as [string, string];
    try {
      const created = await call(a, 1, "tools/call", {
        name: "simulation_run",
        arguments: { ticks: 20 },
      });
      const task = created.result as Json;
      assert.equal(task.resultType, "task", JSON.stringify(created));
      const taskId = task.taskId as string;

      const onB = await call(b, 2, "tasks/get", { taskId });
      assert.equal((onB.result as Json | undefined)?.taskId, taskId, JSON.stringify(onB));
      const listened = await within(acknowledged(b, [taskId, "not-a-task"]), "acknowledged");
      assert.deepEqual(listened.taskIds, [taskId], "the other node's task is followed");
      const cancelled = await call(b, 3, "tasks/cancel", { taskId });
      assert.equal(cancelled.error, undefined, JSON.stringify(cancelled));
      assert.equal((cancelled.result as Json).resultType, "complete");

      // Once it ended (completed, failed or cancelled), both nodes tell the same, result included.
      let ended: Json | undefined;
      for (let i = 0; i < 200 && !ended; i++) {
        const view = (await call(a, 4, "tasks/get", { taskId })).result as Json;
        if (view.status !== "working") ended = view;
        else await delay(50);
      }
      assert.ok(ended, "the task ended");
      let seen: Json | undefined;
      for (let i = 0; i < 100; i++) {
        seen = (await call(b, 5, "tasks/get", { taskId })).result as Json;
        if (seen.status === ended.status) break;
        await delay(50);
      }
      assert.deepEqual(seen, ended);

      const unknown = await call(b, 6, "tasks/get", { taskId: crypto.randomUUID() });
      assert.equal((unknown.error as Json).code, -32602, "an unknown task stays unknown");
    } finally {
      await cluster.stop();
    }
  },
});

Deno.test({
  name: "MCP HTTP: notifications/cancelled sent through another node stops the request",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const cluster = await startCluster({ nodes: 2, chroma: false });
    const [a, b] = cluster.nodes.map((node) => httpOf(node.wsUrl)) as [string, string];
    const post = async (url: string, body: Json, session?: string) => {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json, text/event-stream",
          ...(session ? { "Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25" } : {}),
        },
        body: JSON.stringify(body),
      });
      return { response, text: await response.text() };
    };
    try {
      const init = await post(a, {
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: {
          protocolVersion: "2025-11-25",
          capabilities: {},
          clientInfo: { name: "t", version: "1" },
        },
      });
      const session = init.response.headers.get("Mcp-Session-Id")!;
      assert.ok(session, "a session id");
      await post(a, { jsonrpc: "2.0", method: "notifications/initialized" }, session);
      const created = await post(a, {
        jsonrpc: "2.0",
        id: 2,
        method: "tools/call",
        params: { name: "persona_create", arguments: { name: "Wren" } },
      }, session);
      assert.equal(created.response.status, 200, created.text);

      // The model takes its time (a `hang` would stall the model checks before the chat too).
      cluster.model.behavior.firstTokenDelayMs = 60_000;
      const chat = post(a, {
        jsonrpc: "2.0",
        id: 77,
        method: "tools/call",
        params: {
          name: "conversation_send_message",
          arguments: { persona_id: "Wren", content: "hi" },
        },
      }, session);
      await within(cluster.model.waitForChats(1), "the chat reached the model");
      const cancel = await post(b, {
        jsonrpc: "2.0",
        method: "notifications/cancelled",
        params: { requestId: 77, reason: "user" },
      }, session);
      assert.equal(cancel.response.status, 202);
      // Without the relay the chat runs on A until the model's idle limit (30 s).
      const outcome = await Promise.race([
        chat.then((answer) => answer.text),
        delay(10_000).then(() => "still running after 10 s"),
      ]);
      assert.match(outcome, /-32800/, "A answers the cancelled request with -32800");
    } finally {
      cluster.model.behavior.firstTokenDelayMs = 0;
      await cluster.stop();
    }
  },
});
