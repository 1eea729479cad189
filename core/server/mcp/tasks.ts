/**
 * The tasks extension's methods (`io.modelcontextprotocol/tasks`, ext-tasks 2026-07-28):
 * `tasks/get` polls a task, `tasks/cancel` asks it to stop, `tasks/update` answers its input
 * requests (this server's tasks never ask for input). Each needs the extension in the request's
 * client capabilities (-32021 otherwise); an unknown or expired task id is -32602.
 *
 * @module
 */
import type { TaskView } from "../task_types.ts";
import type { HandlerContext } from "../define_handler.ts";
import { RpcCode, RpcError } from "../rpc/wire_errors.ts";
import {
  declaresExtension,
  isModernMeta,
  ModernCode,
  modernOnly,
  TASKS_EXTENSION,
} from "./modern.ts";

/** Checks that the caller may use task methods: modern `_meta` declaring the extension. */
export function requireTasks(ctx: HandlerContext, method: string): void {
  if (!isModernMeta(ctx.meta)) throw modernOnly(method);
  if (!declaresExtension(ctx.meta, TASKS_EXTENSION)) {
    throw new RpcError(
      ModernCode.MissingRequiredClientCapability,
      "Missing required client capability",
      { requiredCapabilities: { extensions: { [TASKS_EXTENSION]: {} } } },
    );
  }
}

/**
 * The task `taskId`, or -32602 when it is unknown, expired or not the caller's. A task belongs to
 * the session that started it (`Session.taskOwner`: a modern request's connection session, or on
 * stateless HTTP the client's authenticated principal); another owner's id answers exactly as an
 * unknown one. Any node answers for any task (the `tasks` table). With `result: false` (a check
 * that acknowledges) its result is neither read nor parsed.
 */
export async function findTask(
  ctx: HandlerContext,
  taskId: string,
  options: { result?: boolean } = {},
): Promise<TaskView> {
  const task = await ctx.tasks.get(taskId, ctx.session.taskOwner, options);
  if (!task) {
    throw new RpcError(RpcCode.InvalidParams, "Failed to retrieve task: Task not found", {
      taskId,
      hint: "Tasks are kept for their ttlMs after they start",
    });
  }
  return task;
}
