import { z } from "zod";
import { idParam } from "../_ids.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Gives failed background jobs fresh attempts (all of them, or those named). */
export default defineHandler({
  method: "memory.job_retry",
  description: "Retry failed background memory jobs (all, or the ones named)",
  params: z.strictObject({ job_ids: z.array(idParam()).min(1).max(100).optional() }),
  result: "`{retried}`: how many failed jobs went back to the queue with fresh attempts",
  async handle(params, ctx) {
    return { retried: await ctx.jobs.retryFailed(params.job_ids) };
  },
});
