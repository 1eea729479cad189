import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Stops the background decay schedule. */
export default defineHandler({
  method: "memory.decay_stop",
  description: "Stop the background decay schedule",
  params: z.strictObject({}),
  result: '`{status: "background_decay_stopped"}`',
  handle(_params, ctx) {
    ctx.memory.decay.stop();
    return { status: "background_decay_stopped" };
  },
});
