/**
 * REST routes for chats: talk to a persona (JSON, or Server-Sent Events when
 * streaming) and read its history.
 *
 * @module
 */
import type { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { Logger } from "../../log.ts";
import type { PersonaService } from "../../personas/mod.ts";
import { toWireError } from "../rpc/wire_errors.ts";
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
    // `stream` in the body wins; without it, an SSE Accept header asks for a stream.
    const wantsStream = body.stream === true ||
      (body.stream === undefined && (c.req.header("accept") ?? "").includes("text/event-stream"));
    const params = {
      ...body,
      ...(message !== undefined && body.content === undefined ? { content: message } : {}),
      persona_id: c.req.param("id"),
      stream: body.stream ?? wantsStream,
    };
    const session = c.get("session");
    if (!wantsStream) return c.json(await tools.callIn(c, conversationSendMessage, params));

    // Fail with a normal HTTP error while that is still possible.
    tools.validate(conversationSendMessage, params);
    personas.get(params.persona_id);
    return streamSSE(c, async (stream) => {
      const controller = new AbortController();
      stream.onAbort(() => controller.abort(new Error("the HTTP client went away")));
      let written = Promise.resolve();
      const send = (event: string, data: unknown) => {
        written = written.then(() => stream.writeSSE({ event, data: JSON.stringify(data) }));
        return written;
      };
      try {
        const result = await tools.call(conversationSendMessage, params, {
          session,
          signal: controller.signal,
          notify: (notification) => void send("chunk", notification.params),
        });
        await send("result", result);
      } catch (thrown) {
        const mapped = toWireError(thrown);
        if (mapped.internal) log.error("Internal error", { route: "chat", error: thrown });
        await send("error", { error: mapped.error });
      }
    });
  });

  api.get("/personas/:id/history", async (c) => {
    const query = tools.query(c, { limit: "number", before_id: "string", room_id: "string" });
    const params = { persona_id: c.req.param("id"), ...query };
    return c.json(await tools.callIn(c, conversationGetHistory, params));
  });
}
