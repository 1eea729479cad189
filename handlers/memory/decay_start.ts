import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Starts (or re-times) the background decay schedule. */
export default defineHandler({
  method: "memory.decay_start",
  description: "Start the background decay schedule (optionally every interval_s seconds)",
  params: z.strictObject({ interval_s: z.number().min(1).max(604_800).optional() }),
  result: '`{status: "background_decay_started", interval_s, mode, auto_pruning}`',
  handle(params, ctx) {
    ctx.memory.decay.start(params.interval_s === undefined ? undefined : params.interval_s * 1000);
    const stats = ctx.memory.decay.stats();
    return {
      status: "background_decay_started",
      interval_s: stats.interval_s,
      mode: stats.mode,
      auto_pruning: stats.auto_pruning,
    };
  },
});
