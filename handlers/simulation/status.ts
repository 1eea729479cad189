import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Where a simulation run is: progress, then its summary. */
export default defineHandler({
  method: "simulation.status",
  description: "Progress of a simulation run, and its summary once done",
  params: z.strictObject({ run_id: z.string().min(1).max(128) }),
  result: "`{run_id, scenario, seed, status (running, done, failed, cancelled), model, " +
    "model_notice, progress: {tick, ticks, conversations, turns}, started_at, finished_at, " +
    "error, summary}`; the report of a done run: `GET /api/simulations/{id}/report`",
  errors: ["not_found"],
  handle(params, ctx) {
    return ctx.simulations.get(params.run_id);
  },
});
