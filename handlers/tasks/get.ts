import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { findTask, requireTasks } from "../../core/server/mcp/mod.ts";

/** MCP tasks extension: a task's status, and its result or error once it ended. */
export default defineHandler({
  method: "tasks/get",
  description:
    "MCP tasks extension: poll a task (a long tool call): working with a status message, then " +
    "completed with its result, failed with its error, or cancelled",
  params: z.looseObject({ taskId: z.string().min(1).max(128) }),
  result: "`{taskId, status, statusMessage?, createdAt, lastUpdatedAt, ttlMs, pollIntervalMs, " +
    "result?, error?}`: `result` once `completed`, `error` once `failed`; an unknown task, or " +
    "another owner's, is -32602, a client without the extension -32021",
  errors: ["invalid_input"],
  async handle(params, ctx) {
    requireTasks(ctx, "tasks/get");
    return await findTask(ctx, params.taskId);
  },
});
