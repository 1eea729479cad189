import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Describes the caller's session. */
export default defineHandler({
  method: "session.get_info",
  description: "Describe this session: active persona, visual context, counters",
  params: z.strictObject({}),
  result: "`{session_id, transport, active_persona_id, active_persona_name, connection_time, " +
    "message_count, request_count, visual_context}`",
  async handle(_params, ctx) {
    const { session } = ctx;
    const active = session.activePersonaId === null
      ? undefined
      : await ctx.personas.find(session.activePersonaId);
    return {
      session_id: session.id,
      transport: session.kind,
      active_persona_id: active?.id ?? null,
      active_persona_name: active?.name ?? null,
      connection_time: session.connectedAt.toISOString(),
      message_count: session.messageCount,
      request_count: session.requestCount,
      visual_context: session.visualContext,
    };
  },
});
