import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { findTask, requireTasks } from "../../core/server/mcp/mod.ts";

/** MCP tasks extension: asks a running task to stop (it then reads as cancelled). */
export default defineHandler({
  method: "tasks/cancel",
  description:
    "MCP tasks extension: ask a running task of the caller's to stop; acknowledged at once",
  params: z.looseObject({ taskId: z.string().min(1).max(128) }),
  result: "`{}` at once; the task then reads `cancelled` (or its end, if it finished first)",
  errors: ["invalid_input"],
  async handle(params, ctx) {
    requireTasks(ctx, "tasks/cancel");
    await findTask(ctx, params.taskId, { result: false });
    await ctx.tasks.cancel(params.taskId, ctx.session.taskOwner);
    return {};
  },
});
