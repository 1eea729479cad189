/**
 * REST routes for the social layer: relationships, status, and persona-to-persona
 * conversations.
 *
 * @module
 */
import type { Hono } from "hono";
import type { RestEnv, RestTools } from "./tools.ts";

/** Mounts relationship, status and conversation routes. */
export function mountSocialRoutes(api: Hono<RestEnv>, tools: RestTools): void {
  const call = tools.callIn;

  api.get(
    "/personas/:id/status",
    async (c) => c.json(await call(c, "persona.status", { persona_id: c.req.param("id") })),
  );
  api.get(
    "/personas/:id/relationships",
    async (c) =>
      c.json(
        await call(c, "relationship.list", {
          persona_id: c.req.param("id"),
          ...tools.query(c, { limit: "number", cursor: "string" }),
        }),
      ),
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
    const query = tools.query(c, {
      persona_id: "string",
      status: "string",
      limit: "number",
      cursor: "string",
    });
    return c.json(await call(c, "conversation.list", query));
  });
  api.delete("/conversations/:id", async (c) =>
    c.json(
      await call(c, "conversation.end", {
        conversation_id: c.req.param("id"),
        ...tools.query(c, { reason: "string" }),
      }),
    ));
}
