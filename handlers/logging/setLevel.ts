import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { LoggingLevel, mcpClient } from "../../core/server/mcp/mod.ts";

/** MCP: the least severe `notifications/message` level this client wants about its requests. */
export default defineHandler({
  method: "logging/setLevel",
  description: "MCP: choose the least severe level of log notifications about your requests",
  params: z.looseObject({ level: LoggingLevel }),
  result: "`{}`; later `notifications/message` about this client's own tool calls are at this " +
    "level or above",
  handle(params, ctx) {
    mcpClient(ctx.session).logLevel = params.level;
    return {};
  },
});
