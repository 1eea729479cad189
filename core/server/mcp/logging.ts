/**
 * MCP logging: a client picks a level with `logging/setLevel`; the server then sends
 * `notifications/message` about that client's own requests (never other clients' activity).
 *
 * @module
 */
import type { HandlerContext } from "../define_handler.ts";
import { LOGGING_LEVELS, type LoggingLevel, mcpClient } from "./protocol.ts";

/** Name the server's messages carry as `logger`. */
export const LOGGER_NAME = "persona-mcp";

/** One MCP log message: its severity and its (JSON) data. */
export interface McpLogMessage {
  level: LoggingLevel;
  data: unknown;
}

/** Sends `notifications/message` to the caller when it asked for `message.level` or less severe. */
export function mcpLog(ctx: HandlerContext, { level, data }: McpLogMessage): void {
  const wanted = mcpClient(ctx.session).logLevel;
  if (wanted === null) return;
  if (LOGGING_LEVELS.indexOf(level) < LOGGING_LEVELS.indexOf(wanted)) return;
  ctx.notify("notifications/message", { level, logger: LOGGER_NAME, data });
}
