/**
 * REST routes for chats: talk to a persona (JSON, or Server-Sent Events when
 * streaming) and read its history.
 *
 * @module
 */
import type { Hono } from "hono";
import type { Logger } from "../../log.ts";
import type { PersonaService } from "../../personas/mod.ts";
import { streamCall, wantsStream } from "./stream.ts";
import type { RestEnv, RestTools } from "./tools.ts";
import conversationGetHistory from "../../../handlers/conversation/get_history.ts";
import conversationSendMessage from "../../../handlers/conversation/send_message.ts";

/** Mounts `POST /personas/:id/chat` and `GET /personas/:id/history`. */
export function mountChatRoutes(
  api: Hono<RestEnv>,
  { tools, personas, log }: { tools: RestTools; personas: PersonaService; log: Logger },
): void {
  api.post("/personas/:id/chat", async (c) => {
    const { message, ...body } = await tools.body(c);
    const stream = wantsStream(c, body);
    const params = {
      ...body,
      ...(message !== undefined && body.content === undefined ? { content: message } : {}),
      persona_id: c.req.param("id"),
      stream: body.stream ?? stream,
    };
    if (!stream) return c.json(await tools.callIn(c, conversationSendMessage, params));

    // Fail with a normal HTTP error while that is still possible.
    tools.validate(conversationSendMessage, params);
    await personas.resolve(params.persona_id);
    return streamCall(c, { tools, handler: conversationSendMessage, params, log, route: "chat" });
  });

  api.get("/personas/:id/history", async (c) => {
    const query = tools.query(c, { limit: "number", before_id: "string", room_id: "string" });
    const params = { persona_id: c.req.param("id"), ...query };
    return c.json(await tools.callIn(c, conversationGetHistory, params));
  });
}
