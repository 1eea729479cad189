/**
 * REST routes for the social layer: relationships, status, and persona-to-persona
 * conversations.
 *
 * @module
 */
import type { Hono } from "hono";
import type { RestEnv, RestTools } from "./tools.ts";
import conversationEnd from "../../../handlers/conversation/end.ts";
import conversationList from "../../../handlers/conversation/list.ts";
import conversationStart from "../../../handlers/conversation/start.ts";
import conversationStatus from "../../../handlers/conversation/status.ts";
import conversationTurn from "../../../handlers/conversation/turn.ts";
import personaStatus from "../../../handlers/persona/status.ts";
import relationshipList from "../../../handlers/relationship/list.ts";
import relationshipUpdate from "../../../handlers/relationship/update.ts";

/** Mounts relationship, status and conversation routes. */
export function mountSocialRoutes(api: Hono<RestEnv>, tools: RestTools): void {
  const call = tools.callIn;

  api.get(
    "/personas/:id/status",
    async (c) => c.json(await call(c, personaStatus, { persona_id: c.req.param("id") })),
  );
  api.get(
    "/personas/:id/relationships",
    async (c) =>
      c.json(
        await call(c, relationshipList, {
          persona_id: c.req.param("id"),
          ...tools.query(c, { limit: "number", cursor: "string" }),
        }),
      ),
  );
  api.post(
    "/relationships",
    async (c) => c.json(await call(c, relationshipUpdate, await tools.body(c))),
  );

  api.post(
    "/conversations",
    async (c) => c.json(await call(c, conversationStart, await tools.body(c)), 201),
  );
  api.get(
    "/conversations/:id",
    async (c) => c.json(await call(c, conversationStatus, { conversation_id: c.req.param("id") })),
  );
  api.post(
    "/conversations/:id/turns",
    async (c) => c.json(await call(c, conversationTurn, { conversation_id: c.req.param("id") })),
  );
  api.get("/conversations", async (c) => {
    const query = tools.query(c, {
      persona_id: "string",
      status: "string",
      limit: "number",
      cursor: "string",
    });
    return c.json(await call(c, conversationList, query));
  });
  api.delete("/conversations/:id", async (c) =>
    c.json(
      await call(c, conversationEnd, {
        conversation_id: c.req.param("id"),
        ...tools.query(c, { reason: "string" }),
      }),
    ));
}
