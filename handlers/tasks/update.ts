import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { findTask, requireTasks } from "../../core/server/mcp/mod.ts";

/** MCP tasks extension: input for a task; this server's tasks never ask, so it is acknowledged. */
export default defineHandler({
  method: "tasks/update",
  description:
    "MCP tasks extension: answer a task's input requests; this server's tasks never ask for " +
    "input, so responses are acknowledged and ignored",
  params: z.looseObject({
    taskId: z.string().min(1).max(128),
    inputResponses: z.record(z.string(), z.unknown()),
  }),
  result: "`{}`",
  errors: ["invalid_input"],
  async handle(params, ctx) {
    requireTasks(ctx, "tasks/update");
    await findTask(ctx, params.taskId, { result: false });
    return {};
  },
});
