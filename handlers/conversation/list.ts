import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { decodeCursor, pageInfo, pageParams } from "../../core/paging.ts";
import { idParam } from "../_ids.ts";

/** Persona-to-persona conversations, newest first, e.g. to find a lost conversation id. */
export default defineHandler({
  method: "conversation.list",
  description:
    "List persona-to-persona conversations (newest first), by persona and status; page with limit and cursor",
  params: z.strictObject({
    persona_id: idParam().optional(),
    status: z.enum(["active", "ended", "all"]).default("active"),
    ...pageParams({ default: 20, max: 200 }),
  }),
  result:
    "`{conversations: [as conversation.status], total, has_more, next_cursor}`, newest first; `persona_id` filters " +
    "(it does not default to the active persona). Finds a lost conversation id",
  errors: ["persona_not_found"],
  async handle(params, ctx) {
    const persona = params.persona_id ? await ctx.personas.resolve(params.persona_id) : undefined;
    const { offset, key } = decodeCursor(params.cursor);
    // One more than asked says whether another page follows.
    const found = await ctx.dialogues.page({
      personaId: persona?.id,
      status: params.status === "all" ? undefined : params.status,
      limit: params.limit + 1,
      offset,
      after: key,
    });
    const shown = found.slice(0, params.limit);
    const last = shown.at(-1);
    // The next page starts right after the last one sent (its key, read with the page), not at
    // a bare position.
    const next = found.length > params.limit && last
      ? { offset: offset + shown.length, key: last.key }
      : null;
    const conversations = shown.map((listed) => listed.view);
    return { conversations, total: conversations.length, ...pageInfo(next) };
  },
});
