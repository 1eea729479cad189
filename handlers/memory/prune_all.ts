import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Prunes every persona above the threshold. */
export default defineHandler({
  method: "memory.prune_all",
  description: "Prune every persona's memories that is above the threshold",
  params: z.strictObject({ force: z.boolean().default(false) }),
  result: '`{status: "global_pruning_completed", personas_processed, total_memories_before, ' +
    "total_memories_after, total_memories_pruned, errors_encountered}`",
  errors: ["memory_unavailable", "busy"],
  async handle(params, ctx) {
    return await ctx.memory.pruning.pruneAll(params.force);
  },
});
