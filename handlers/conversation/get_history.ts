import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";
import { countWithin, pageBudget } from "../../core/paging.ts";
import { idParam } from "../_ids.ts";

/** Chat history with a persona, newest first, paged with before_id. */
export default defineHandler({
  method: "conversation.get_history",
  description: "Messages with the active (or given) persona, newest first; page with before_id",
  params: z.strictObject({
    limit: z.number().int().min(1).max(200).default(20),
    before_id: idParam().optional(),
    persona_id: idParam().optional(),
    room_id: z.string().trim().min(1).max(128).optional(),
  }),
  result: "`{persona_id, messages: [{id, content, sender, timestamp, persona_response, room_id, " +
    "session_id, model, tokens: {prompt, completion}}], has_more}`, newest first; pass the " +
    "last `id` as `before_id` for the next page (a page holds fewer than `limit` when more would " +
    "take the reply past MAX_REPLY_BYTES, never none)",
  errors: ["persona_not_found", "no_active_persona", "not_found"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    const page = await ctx.history.page({ personaId: persona.id, roomId: params.room_id }, {
      limit: params.limit,
      beforeId: params.before_id,
    });
    const messages = page.messages.map((message) => ({
      id: message.id,
      content: message.content,
      sender: message.sender,
      timestamp: message.created_at,
      persona_response: message.response,
      room_id: message.room_id,
      session_id: message.session_id,
      model: message.model,
      tokens: { prompt: message.prompt_tokens, completion: message.completion_tokens },
      kind: message.kind,
    }));
    // At most `limit`, and no more than fit in a reply (one at least): the client's next
    // before_id is the last id sent, wherever the page was cut.
    const kept = countWithin(messages, messages.length, pageBudget(ctx));
    return {
      persona_id: persona.id,
      messages: messages.slice(0, kept),
      has_more: page.has_more || kept < messages.length,
    };
  },
});
