import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Stops a running simulation; it ends as `cancelled`, without a report. */
export default defineHandler({
  method: "simulation.cancel",
  description: "Stop a running simulation (it ends as cancelled, without a report)",
  params: z.strictObject({ run_id: z.string().min(1).max(128) }),
  result:
    "The run as `simulation.status`, answered once it has stopped (at its next tick): status " +
    "`cancelled`, or still `running` when it has not stopped within 5 s",
  errors: ["not_found"],
  handle(params, ctx) {
    return ctx.simulations.cancel(params.run_id);
  },
});
