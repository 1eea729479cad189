/**
 * REST routes for memories, mounted under `/api` by `app.ts`. Each calls the same handler as
 * JSON-RPC, so validation and results are identical.
 *
 * @module
 */
import type { Context, Hono } from "hono";
import type { RestEnv, RestTools } from "./tools.ts";
import memoryDecayForce from "../../../handlers/memory/decay_force.ts";
import memoryDelete from "../../../handlers/memory/delete.ts";
import memoryGetStats from "../../../handlers/memory/get_stats.ts";
import memoryList from "../../../handlers/memory/list.ts";
import memoryPrune from "../../../handlers/memory/prune.ts";
import memorySearch from "../../../handlers/memory/search.ts";
import memoryStore from "../../../handlers/memory/store.ts";
import memoryUpdate from "../../../handlers/memory/update.ts";
import { queryNumber } from "./query_number.ts";

/** Query parameters that are numbers on the JSON-RPC side. */
const NUMERIC = new Set(["n_results", "min_importance", "limit", "offset"]);
/** Query parameters that are booleans on the JSON-RPC side (`true` or `false`). */
const BOOLEAN = new Set(["explain"]);

/** The query string as params: numeric and boolean fields become so when they read as one. */
function queryParams(c: Context<RestEnv>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(c.req.query())) {
    // Anything else is passed on as text, so validation names the field (-32602, 400).
    if (NUMERIC.has(name)) params[name] = queryNumber(value);
    else if (BOOLEAN.has(name) && (value === "true" || value === "false")) {
      params[name] = value === "true";
    } else params[name] = value;
  }
  return params;
}

/** Adds the memory routes to `api`. */
export function mountMemoryRoutes(api: Hono<RestEnv>, tools: RestTools): void {
  const call = tools.callIn;

  // With ?query= it searches (memory.search); without, it lists newest first (memory.list).
  api.get("/personas/:id/memories", async (c) => {
    const params = { ...queryParams(c), persona_id: c.req.param("id") };
    const found = "query" in params
      ? await call(c, memorySearch, params)
      : await call(c, memoryList, params);
    return c.json(found);
  });
  api.post("/personas/:id/memories", async (c) => {
    const body = { ...await tools.body(c), persona_id: c.req.param("id") };
    return c.json(await call(c, memoryStore, body), 201);
  });
  api.get(
    "/personas/:id/memories/stats",
    async (c) => c.json(await call(c, memoryGetStats, { persona_id: c.req.param("id") })),
  );
  api.post("/personas/:id/memories/decay", async (c) => {
    const body = { ...await tools.body(c), persona_id: c.req.param("id") };
    return c.json(await call(c, memoryDecayForce, body));
  });
  api.post("/personas/:id/memories/prune", async (c) => {
    const body = { ...await tools.body(c), persona_id: c.req.param("id") };
    return c.json(await call(c, memoryPrune, body));
  });
  api.patch("/memories/:id", async (c) => {
    const body = { ...await tools.body(c), memory_id: c.req.param("id") };
    return c.json(await call(c, memoryUpdate, body));
  });
  api.delete(
    "/memories/:id",
    async (c) => c.json(await call(c, memoryDelete, { memory_id: c.req.param("id") })),
  );
}
