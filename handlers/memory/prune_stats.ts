import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Pruning totals since the server started. */
export default defineHandler({
  method: "memory.prune_stats",
  description: "Pruning totals since the server started",
  params: z.strictObject({}),
  handle(_params, ctx) {
    return { pruning_statistics: ctx.memory.pruning.stats() };
  },
});
