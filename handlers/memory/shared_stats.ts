import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** How many memories personas share with each other. */
export default defineHandler({
  method: "memory.shared_stats",
  description: "Counts of shared and public memories, per persona",
  params: z.strictObject({}),
  async handle(_params, ctx) {
    return { shared_memory_statistics: await ctx.memory.sharedStats() };
  },
});
