import { z } from "zod";
import { defineHandler } from "../../core/rpc/define_handler.ts";
import { mcpState } from "../../core/mcp/mod.ts";

/** MCP: the client finished its handshake. */
export default defineHandler({
  method: "notifications/initialized",
  description: "MCP notification: the client finished the handshake (no answer)",
  params: z.looseObject({}),
  handle(_params, ctx) {
    mcpState(ctx.session).initialized = true;
    return {};
  },
});
