import { z } from "zod";
import { idParam } from "../_ids.ts";
import { JOB_STATES, jobView } from "../../core/jobs/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** The background jobs (fact extraction, reflection): counts, and a page of them. */
export default defineHandler({
  method: "memory.jobs",
  description: "Background memory jobs (fact extraction, reflection): counts by state and a page",
  params: z.strictObject({
    persona_id: idParam().optional(),
    state: z.enum(JOB_STATES).optional(),
    kind: z.string().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).default(0),
  }),
  result: "`{counts: {queued, running, done, failed, skipped, dropped}, waiting, jobs: [Job], " +
    "total, limit, offset}`, newest first; `dropped` counts the skipped jobs JOBS_QUEUE_CAP " +
    "dropped (error reason `queue_cap`); `waiting` says why queued jobs are held back (the model " +
    "is unreachable) or is null; a Job is `{job_id, kind, persona_id, state, attempts, " +
    "max_attempts, run_after, waiting, error: {reason, message}, payload, result, created_at, " +
    "updated_at, finished_at}`",
  errors: ["persona_not_found"],
  async handle(params, ctx) {
    if (params.persona_id !== undefined) await ctx.personas.get(params.persona_id);
    const filter = { personaId: params.persona_id, state: params.state, kind: params.kind };
    const page = await ctx.jobs.list(filter, { limit: params.limit, offset: params.offset });
    return {
      counts: await ctx.jobs.figures(params.persona_id),
      waiting: await ctx.jobs.waitingReason(),
      jobs: page.jobs.map(jobView),
      total: page.total,
      limit: params.limit,
      offset: params.offset,
    };
  },
});
