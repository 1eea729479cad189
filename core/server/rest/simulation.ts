/**
 * REST routes for simulations started on the server: scenarios, start, progress, cancel, and the
 * finished run's report (the self-contained HTML page, or its JSON).
 *
 * @module
 */
import type { Hono } from "hono";
import type { SimulationRuns } from "../../simulation/runs.ts";
import type { RestEnv, RestTools } from "./tools.ts";
import simulationCancel from "../../../handlers/simulation/cancel.ts";
import simulationList from "../../../handlers/simulation/list.ts";
import simulationScenarios from "../../../handlers/simulation/scenarios.ts";
import simulationStart from "../../../handlers/simulation/start.ts";
import simulationStatus from "../../../handlers/simulation/status.ts";
import { REPORT_HEADERS } from "../web/headers.ts";

/** Mounts the `/simulations` routes. */
export function mountSimulationRoutes(
  api: Hono<RestEnv>,
  tools: RestTools,
  simulations: SimulationRuns,
): void {
  const call = tools.callIn;
  api.get("/simulations/scenarios", async (c) => c.json(await call(c, simulationScenarios)));
  api.get(
    "/simulations",
    async (c) =>
      c.json(await call(c, simulationList, tools.query(c, { limit: "number", cursor: "string" }))),
  );
  api.post(
    "/simulations",
    async (c) => c.json(await call(c, simulationStart, await tools.body(c)), 201),
  );
  api.get(
    "/simulations/:id",
    async (c) => c.json(await call(c, simulationStatus, { run_id: c.req.param("id") })),
  );
  api.delete(
    "/simulations/:id",
    async (c) => c.json(await call(c, simulationCancel, { run_id: c.req.param("id") })),
  );
  api.get("/simulations/:id/report", (c) => {
    const id = c.req.param("id");
    if (c.req.query("format") === "json") return c.json(simulations.report(id));
    // A strict CSP, sandboxed, not cached (web/headers.ts); the token only as a header.
    return c.html(simulations.reportHtml(id), 200, REPORT_HEADERS);
  });
}
