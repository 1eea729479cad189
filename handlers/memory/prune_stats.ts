import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Pruning totals since the server started. */
export default defineHandler({
  method: "memory.prune_stats",
  description: "Pruning totals since the server started",
  params: z.strictObject({}),
  result: "`{pruning_statistics: {total_pruning_operations, total_memories_pruned, last_prune, " +
    "last_global_prune, personas_last_pruned, threshold, target_count}}`",
  handle(_params, ctx) {
    return { pruning_statistics: ctx.memory.pruning.stats() };
  },
});
