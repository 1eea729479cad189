import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** The simulation runs the server keeps (the running one and the last finished ones). */
export default defineHandler({
  method: "simulation.list",
  description: "Simulation runs started on this server, newest first (the last 10 finished)",
  params: z.strictObject({}),
  result: "`{runs: [as simulation.status]}`",
  handle(_params, ctx) {
    return { runs: ctx.simulations.list() };
  },
});
