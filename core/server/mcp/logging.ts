/**
 * MCP logging: a client picks a level with `logging/setLevel`; the server then sends
 * `notifications/message` about that client's own requests (never other clients' activity).
 *
 * @module
 */
import type { HandlerContext } from "../define_handler.ts";
import { LOGGING_LEVELS, type LoggingLevel, mcpState } from "./protocol.ts";

/** Name the server's messages carry as `logger`. */
export const LOGGER_NAME = "persona-mcp";

/** Sends `notifications/message` to the caller when it asked for `level` or less severe. */
export function mcpLog(ctx: HandlerContext, level: LoggingLevel, data: unknown): void {
  const wanted = mcpState(ctx.session).logLevel;
  if (wanted === null) return;
  if (LOGGING_LEVELS.indexOf(level) < LOGGING_LEVELS.indexOf(wanted)) return;
  ctx.notify("notifications/message", { level, logger: LOGGER_NAME, data });
}
