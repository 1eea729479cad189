/**
 * REST routes for core memory blocks and background jobs, mounted under `/api` by `app.ts`.
 * Each calls the same handler as JSON-RPC, so validation and results are identical.
 *
 * @module
 */
import type { Hono } from "hono";
import type { RestEnv, RestTools } from "./tools.ts";
import blockAppend from "../../../handlers/memory/block_append.ts";
import blockDelete from "../../../handlers/memory/block_delete.ts";
import blockGet from "../../../handlers/memory/block_get.ts";
import blockList from "../../../handlers/memory/block_list.ts";
import blockSet from "../../../handlers/memory/block_set.ts";
import jobRetry from "../../../handlers/memory/job_retry.ts";
import memoryJobs from "../../../handlers/memory/jobs.ts";
import { queryNumber } from "./query_number.ts";

const NUMERIC = new Set(["limit", "offset", "changes"]);

/** Query string values as params; numeric fields become numbers when they read as one. */
function query(values: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      NUMERIC.has(name) ? queryNumber(value) : value,
    ]),
  );
}

/** Adds the block and job routes to `api`. */
export function mountMindRoutes(api: Hono<RestEnv>, tools: RestTools): void {
  const call = tools.callIn;
  const block = (c: { req: { param(name: string): string } }) => ({
    persona_id: c.req.param("id"),
    label: c.req.param("label"),
  });

  api.get(
    "/personas/:id/blocks",
    async (c) =>
      c.json(await call(c, blockList, { ...query(c.req.query()), persona_id: c.req.param("id") })),
  );
  api.get(
    "/personas/:id/blocks/:label",
    async (c) => c.json(await call(c, blockGet, { ...query(c.req.query()), ...block(c) })),
  );
  api.put("/personas/:id/blocks/:label", async (c) => {
    const body = { ...await tools.body(c), ...block(c) };
    return c.json(await call(c, blockSet, body));
  });
  api.post("/personas/:id/blocks/:label/append", async (c) => {
    const body = { ...await tools.body(c), ...block(c) };
    return c.json(await call(c, blockAppend, body));
  });
  api.delete(
    "/personas/:id/blocks/:label",
    async (c) => c.json(await call(c, blockDelete, block(c))),
  );
  api.get("/jobs", async (c) => c.json(await call(c, memoryJobs, query(c.req.query()))));
  api.post("/jobs/retry", async (c) => c.json(await call(c, jobRetry, await tools.body(c))));
}
