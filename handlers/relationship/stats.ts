import { z } from "zod";
import { isoTime } from "../../core/clock.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Totals over every relationship. */
export default defineHandler({
  method: "relationship.stats",
  description: "Relationship totals: count by type, average compatibility, most active personas",
  params: z.strictObject({}),
  result: "`{relationship_statistics: {total_relationships, relationship_types, " +
    "average_compatibility, average_strength, total_interactions, most_active_personas}, " +
    "timestamp}`",
  async handle(_params, ctx) {
    return {
      relationship_statistics: await ctx.relationships.stats(),
      timestamp: isoTime(ctx.clock.now()),
    };
  },
});
