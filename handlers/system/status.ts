import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Server health and counts. */
export default defineHandler({
  method: "system.status",
  description: "Server version, uptime, persona and session counts, storage backend",
  params: z.strictObject({}),
  result: "`{status, version, uptime_s, persona_count, session_count, sessions_by_transport, " +
    "storage_backend, llm_queue: {running, waiting}, jobs: {queued, running, done, failed, " +
    "skipped, dropped, waiting}, mind: {extraction, supersession, reflection, block_updates, " +
    "model}, plugins}`; `jobs` are the background memory jobs ([memory.jobs](#memoryjobs)), " +
    "`dropped` the skipped ones JOBS_QUEUE_CAP dropped (a backlog past the cap), `waiting` why queued " +
    "ones are held back (or null); `mind` says which steps are on",
  async handle(_params, ctx) {
    const sessions = ctx.sessions.counts();
    return {
      status: "operational",
      version: ctx.version,
      uptime_s: Math.floor((ctx.clock.now() - ctx.startedAt) / 1000),
      persona_count: await ctx.personas.count(),
      session_count: sessions.total,
      sessions_by_transport: sessions.by_kind,
      storage_backend: "sqlite",
      llm_queue: ctx.llm.load(),
      jobs: { ...await ctx.jobs.figures(), waiting: await ctx.jobs.waitingReason() },
      mind: ctx.mind.status,
      plugins: ctx.plugins,
    };
  },
});
