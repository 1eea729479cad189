import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** The decay schedule's settings and what its cycles did. */
export default defineHandler({
  method: "memory.decay_stats",
  description: "Decay schedule settings and cycle statistics",
  params: z.strictObject({}),
  result: "`{decay_statistics: {background_running, interval_s, mode, floor, auto_pruning, " +
    "total_decay_cycles, total_memories_decayed, total_auto_prunes_triggered, last_run, " +
    "recent_cycle, last_error}}`",
  handle(_params, ctx) {
    return { decay_statistics: ctx.memory.decay.stats() };
  },
});
