import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** MCP: the client finished its handshake. Nothing to do: this server sends nothing unasked. */
export default defineHandler({
  method: "notifications/initialized",
  description: "MCP notification: the client finished the handshake (no answer)",
  params: z.looseObject({}),
  result: "No answer (a notification)",
  handle() {
    return {};
  },
});
