/**
 * A task tool's error answer (`simulation_run` run as an MCP task, 2026-07-28 tasks extension)
 * too large for a `tasks/get` reply ends as a direct `tools/call` does with one too large for its
 * reply (tests/mcp_tool_error_size_test.ts): the task completes with an `isError` result, the
 * error's code and the head of its message, never a failed task (a JSON-RPC error, or -32005
 * "ran: true"). That holds for an answer a direct reply has room for whole but a task's reply,
 * which carries the task's view, has not. Over a real WebSocket.
 */
import assert from "node:assert/strict";
import { type RpcClient, withTestServer } from "./_helpers.ts";
import { modernMeta, tasksMeta } from "./_mcp_modern.ts";

type Json = Record<string, unknown>;
type ToolError = { code: number; message: string; data?: unknown };

const MAX_REPLY_BYTES = 1_048_576;

/** `simulation_run`'s arguments with one unknown argument named by `length` y's. */
function withUnknown(length: number): Json {
  return { model: "scripted", ticks: 1, ["y".repeat(length)]: 1 };
}

/** The bytes of the direct answer to `simulation_run` with an unknown name of `length`. */
async function directBytes(client: RpcClient, length: number): Promise<number> {
  const answer = await client.call<Json>("tools/call", {
    name: "simulation_run",
    arguments: withUnknown(length),
    _meta: modernMeta(),
  });
  return new TextEncoder().encode(JSON.stringify(answer)).length;
}

/** The task `simulation_run` with an unknown name of `length` runs, once it ended. */
async function taskOf(client: RpcClient, length: number): Promise<Json> {
  const created = await client.call<Json>("tools/call", {
    name: "simulation_run",
    arguments: withUnknown(length),
    _meta: tasksMeta(),
  });
  assert.equal(created.resultType, "task");
  let task = created;
  for (let i = 0; task.status === "working" && i < 500; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    task = await client.call<Json>("tasks/get", { taskId: created.taskId, _meta: tasksMeta() });
  }
  return task;
}

/** Asserts that `task` completed with the short `isError` answer of the unknown argument. */
function assertShortError(task: Json, what: string): void {
  assert.equal(task.status, "completed", `${what}: ${JSON.stringify(task).slice(0, 300)}`);
  const result = task.result as { isError?: boolean; structuredContent: { error: ToolError } };
  assert.equal(result.isError, true, what);
  const { error } = result.structuredContent;
  assert.equal(error.code, -32602, `${what}: the failure's own code`);
  assert.equal(error.data, undefined, `${what}: no data, the field list was what was too large`);
  assert.match(error.message, /^Invalid params: y+…$/, what);
  assert.ok(error.message.length <= 1_001, `${what}: the message's head only`);
}

Deno.test("MCP tasks: an error answer too large for a tasks/get reply completes as a short isError result", async () => {
  await withTestServer(async ({ client }) => {
    // An answer grows by a fixed count of bytes per character of the name: measured.
    const base = await directBytes(client, 1_000);
    const perChar = (await directBytes(client, 2_000) - base) / 1_000;
    // Room in a direct reply (MAX_REPLY_BYTES less 512 and the id), none in a task's (less
    // 2,048 and the task's view): a direct call answers it whole.
    const length = 1_000 + Math.floor((MAX_REPLY_BYTES - 1_200 - base) / perChar);
    const direct = await directBytes(client, length);
    assert.ok(direct > MAX_REPLY_BYTES - 2_048 && direct < MAX_REPLY_BYTES - 600, `${direct}`);
    assertShortError(await taskOf(client, length), "over a task's reply, within a direct one");
    // Far over any reply: shortened as the direct call shortens it.
    assertShortError(await taskOf(client, 2 * MAX_REPLY_BYTES / perChar), "far over");
    // One that fits is kept whole.
    const small = await taskOf(client, 10);
    const error = (small.result as { structuredContent: { error: ToolError } }).structuredContent
      .error;
    assert.equal(error.code, -32602);
    assert.ok(error.data !== undefined, "its data kept");
  }, {
    MAX_REPLY_BYTES: String(MAX_REPLY_BYTES),
    MAX_FRAME_BYTES: String(8 * 1024 * 1024),
  });
});
