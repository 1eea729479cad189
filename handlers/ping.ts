import { z } from "zod";
import { defineHandler } from "../core/server/define_handler.ts";

/** Liveness check; answers an empty object. */
export default defineHandler({
  method: "ping",
  description: "Liveness check; returns an empty object",
  // MCP request params are open (`_meta` and any other field): none is read.
  params: z.looseObject({}),
  result: "`{}`",
  handle() {
    return {};
  },
});
