/**
 * Simulation runs: scenarios, start, list, cancel, report.
 *
 * Part of the REST route table that `../routes_doc.ts` joins; keyed `"METHOD /path"`.
 *
 * @module
 */
import type { RouteDoc } from "./types.ts";

/** Simulation runs: scenarios, start, list, cancel, report. */
export const SIMULATION_ROUTE_DOCS: Record<string, RouteDoc> = {
  "GET /api/simulations/scenarios": { calls: ["simulation.scenarios"], example: {} },
  "GET /api/simulations": {
    calls: ["simulation.list"],
    text: "Query `?limit=&cursor=`",
    input: "query",
    query: ["limit", "cursor"],
    example: {},
  },
  "POST /api/simulations": {
    calls: ["simulation.start"],
    status: 201,
    example: { body: { scenario: "tavern_evening", ticks: 10, model: "scripted" } },
  },
  "GET /api/simulations/:id": {
    calls: ["simulation.status"],
    path: { id: "run_id" },
    example: { path: { id: "{run_id}" } },
  },
  "DELETE /api/simulations/:id": {
    calls: ["simulation.cancel"],
    path: { id: "run_id" },
    example: { path: { id: "{run_id}" } },
  },
  "GET /api/simulations/:id/report": {
    text: "The finished run's report: the self-contained HTML page, or its JSON with " +
      "`?format=json` (each series thinned to at most 500 points; 404 while it runs)",
    path: { id: "run_id" },
    ownQuery: { format: "`json` for the report's JSON instead of the HTML page" },
    produces: "text/html",
    example: { path: { id: "{run_id}" } },
  },
};
