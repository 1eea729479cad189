import { z } from "zod";
import { defineHandler } from "../core/server/define_handler.ts";

/** Liveness check; answers an empty object. */
export default defineHandler({
  method: "ping",
  description: "Liveness check; returns an empty object",
  params: z.strictObject({}),
  result: "`{}`",
  handle() {
    return {};
  },
});
