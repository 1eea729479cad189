import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { decodeCursor, pageInfo, pageParams } from "../../core/paging.ts";

/** Persona-to-persona conversations, newest first, e.g. to find a lost conversation id. */
export default defineHandler({
  method: "conversation.list",
  description:
    "List persona-to-persona conversations (newest first), by persona and status; page with limit and cursor",
  params: z.strictObject({
    persona_id: z.string().min(1).optional(),
    status: z.enum(["active", "ended", "all"]).default("active"),
    ...pageParams({ default: 20, max: 200 }),
  }),
  result:
    "`{conversations: [as conversation.status], total, has_more, next_cursor}`, newest first; `persona_id` filters " +
    "(it does not default to the active persona). Finds a lost conversation id",
  errors: ["persona_not_found"],
  async handle(params, ctx) {
    const persona = params.persona_id ? await ctx.personas.resolve(params.persona_id) : undefined;
    const { offset } = decodeCursor(params.cursor);
    // One more than asked says whether another page follows.
    const found = await ctx.dialogues.list({
      personaId: persona?.id,
      status: params.status === "all" ? undefined : params.status,
      limit: params.limit + 1,
      offset,
    });
    const conversations = found.slice(0, params.limit);
    const more = found.length > params.limit;
    return {
      conversations,
      total: conversations.length,
      ...pageInfo(more ? { offset: offset + conversations.length } : null),
    };
  },
});
