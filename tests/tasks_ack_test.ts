/**
 * `tasks/cancel` and `tasks/update` only acknowledge: they look the task up without its result
 * (which may be as large as a reply, and on another node is read from the table), while
 * `tasks/get` answers with it.
 */
import assert from "node:assert/strict";
import type { HandlerContext } from "../core/server/define_handler.ts";
import cancel from "../handlers/tasks/cancel.ts";
import get from "../handlers/tasks/get.ts";
import update from "../handlers/tasks/update.ts";
import { tasksMeta } from "./_mcp_modern.ts";

/** A handler context whose task store records the options of each lookup. */
function context(): { ctx: HandlerContext; lookups: ({ result?: boolean } | undefined)[] } {
  const lookups: ({ result?: boolean } | undefined)[] = [];
  const task = { taskId: "t", status: "completed", result: { big: true } };
  const tasks = {
    get: (_id: string, _owner: string | null, options?: { result?: boolean }) => {
      lookups.push(options);
      return Promise.resolve(options?.result === false ? { ...task, result: undefined } : task);
    },
    cancel: () => Promise.resolve(true),
  };
  const ctx = { meta: tasksMeta(), session: { taskOwner: null }, tasks };
  return { ctx: ctx as unknown as HandlerContext, lookups };
}

Deno.test("tasks/cancel and tasks/update look the task up without its result", async () => {
  const cancelled = context();
  assert.deepEqual(await cancel.handle({ taskId: "t" }, cancelled.ctx), {});
  assert.deepEqual(cancelled.lookups, [{ result: false }], "tasks/cancel");
  const updated = context();
  assert.deepEqual(await update.handle({ taskId: "t", inputResponses: {} }, updated.ctx), {});
  assert.deepEqual(updated.lookups, [{ result: false }], "tasks/update");
});

Deno.test("tasks/get looks the task up with its result", async () => {
  const { ctx, lookups } = context();
  const view = await get.handle({ taskId: "t" }, ctx);
  assert.deepEqual(view.result, { big: true });
  assert.notEqual(lookups[0]?.result, false);
});
