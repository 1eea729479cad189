import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** How many memories personas share with each other. */
export default defineHandler({
  method: "memory.shared_stats",
  description: "Counts of shared and public memories, per persona",
  params: z.strictObject({}),
  result: "`{shared_memory_statistics: {total_personas, personas_with_memories, shared_memories, " +
    "public_memories, cross_references, by_persona}}`",
  errors: ["memory_unavailable"],
  async handle(_params, ctx) {
    return { shared_memory_statistics: await ctx.memory.sharedStats() };
  },
});
