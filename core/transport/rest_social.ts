/**
 * REST routes for the social layer: relationships, status, and persona-to-persona
 * conversations.
 *
 * @module
 */
import type { Context, Hono } from "hono";
import type { RestEnv, RestTools } from "./rest.ts";

/** Mounts relationship, status and conversation routes. */
export function mountSocialRoutes(api: Hono<RestEnv>, tools: RestTools): void {
  const call = (c: Context<RestEnv>, method: string, params: unknown) =>
    tools.call(method, params, c.get("session"));

  api.get(
    "/personas/:id/status",
    async (c) => c.json(await call(c, "persona.status", { persona_id: c.req.param("id") })),
  );
  api.get(
    "/personas/:id/relationships",
    async (c) => c.json(await call(c, "relationship.list", { persona_id: c.req.param("id") })),
  );
  api.post(
    "/relationships",
    async (c) => c.json(await call(c, "relationship.update", await tools.body(c))),
  );

  api.post(
    "/conversations",
    async (c) => c.json(await call(c, "conversation.start", await tools.body(c)), 201),
  );
  api.get(
    "/conversations/:id",
    async (c) =>
      c.json(await call(c, "conversation.status", { conversation_id: c.req.param("id") })),
  );
  api.post(
    "/conversations/:id/turns",
    async (c) => c.json(await call(c, "conversation.turn", { conversation_id: c.req.param("id") })),
  );
  api.get("/conversations", async (c) => {
    const query = c.req.query();
    const params = {
      ...(query.persona_id ? { persona_id: query.persona_id } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.limit ? { limit: Number(query.limit) } : {}),
    };
    return c.json(await call(c, "conversation.list", params));
  });
  api.delete("/conversations/:id", async (c) =>
    c.json(
      await call(c, "conversation.end", {
        conversation_id: c.req.param("id"),
        ...(c.req.query("reason") ? { reason: c.req.query("reason") } : {}),
      }),
    ));
}
