import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** The decay schedule's settings and what its cycles did. */
export default defineHandler({
  method: "memory.decay_stats",
  description: "Decay schedule settings and cycle statistics",
  params: z.strictObject({}),
  handle(_params, ctx) {
    return { decay_statistics: ctx.memory.decay.stats() };
  },
});
