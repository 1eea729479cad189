import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Persona-to-persona conversations, newest first, e.g. to find a lost conversation id. */
export default defineHandler({
  method: "conversation.list",
  description: "List persona-to-persona conversations (newest first), by persona and status",
  params: z.strictObject({
    persona_id: z.string().min(1).optional(),
    status: z.enum(["active", "ended", "all"]).default("active"),
    limit: z.number().int().min(1).max(200).default(20),
  }),
  result:
    "`{conversations: [as conversation.status], total}`, newest first; `persona_id` filters " +
    "(it does not default to the active persona). Finds a lost conversation id",
  errors: ["persona_not_found"],
  async handle(params, ctx) {
    const persona = params.persona_id ? await ctx.personas.resolve(params.persona_id) : undefined;
    const conversations = await ctx.dialogues.list({
      personaId: persona?.id,
      status: params.status === "all" ? undefined : params.status,
      limit: params.limit,
    });
    return { conversations, total: conversations.length };
  },
});
