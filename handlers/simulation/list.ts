import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { pageOf, pageParams } from "../../core/paging.ts";

/** The simulation runs the server keeps (the running one and the last finished ones). */
export default defineHandler({
  method: "simulation.list",
  description:
    "Simulation runs started on this server, newest first (the last 10 finished); page with limit and cursor",
  params: z.strictObject(pageParams({ default: 20, max: 100 })),
  result: "`{runs: [as simulation.status], total_count, has_more, next_cursor}`",
  handle(params, ctx) {
    const runs = ctx.simulations.list();
    const { items, ...paging } = pageOf(runs, params, {
      keyOf: (run) => run.run_id,
      sortOf: (run) => [run.started_at, run.run_id],
      descending: true,
    });
    return { runs: items, total_count: runs.length, ...paging };
  },
});
