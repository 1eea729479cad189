/**
 * REST routes for memories, mounted under `/api` by `app.ts`. Each calls the same handler as
 * JSON-RPC, so validation and results are identical.
 *
 * @module
 */
import type { Context, Hono } from "hono";
import type { RestEnv, RestTools } from "./tools.ts";

/** Query parameters that are numbers on the JSON-RPC side. */
const NUMERIC = new Set(["n_results", "min_importance", "limit", "offset"]);

/** The query string as params: numeric fields become numbers when they read as one. */
function queryParams(c: Context<RestEnv>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(c.req.query())) {
    const number = Number(value);
    // A non-number is passed on as text, so validation names the field (-32602, 400).
    params[name] = NUMERIC.has(name) && value.trim() !== "" && Number.isFinite(number)
      ? number
      : value;
  }
  return params;
}

/** Adds the memory routes to `api`. */
export function mountMemoryRoutes(api: Hono<RestEnv>, tools: RestTools): void {
  const call = (c: Context<RestEnv>, method: string, params: unknown) =>
    tools.call(method, params, c.get("session"));

  // With ?query= it searches (memory.search); without, it lists newest first (memory.list).
  api.get("/personas/:id/memories", async (c) => {
    const params = { ...queryParams(c), persona_id: c.req.param("id") };
    return c.json(await call(c, "query" in params ? "memory.search" : "memory.list", params));
  });
  api.post("/personas/:id/memories", async (c) => {
    const body = { ...await tools.body(c), persona_id: c.req.param("id") };
    return c.json(await call(c, "memory.store", body), 201);
  });
  api.get(
    "/personas/:id/memories/stats",
    async (c) => c.json(await call(c, "memory.get_stats", { persona_id: c.req.param("id") })),
  );
  api.patch("/memories/:id", async (c) => {
    const body = { ...await tools.body(c), memory_id: c.req.param("id") };
    return c.json(await call(c, "memory.update", body));
  });
  api.delete(
    "/memories/:id",
    async (c) => c.json(await call(c, "memory.delete", { memory_id: c.req.param("id") })),
  );
}
