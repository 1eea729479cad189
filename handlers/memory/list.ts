import { z } from "zod";
import { memoryFields, toView } from "../../core/memory/mod.ts";
import { decodeCursor, pageBudget, pageInfo, pageParams } from "../../core/paging.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** A persona's memories, newest first, a page at a time (to find one to correct). */
export default defineHandler({
  method: "memory.list",
  description:
    "List a persona's memories, newest first, a page at a time (limit with cursor or offset)",
  params: z.strictObject({
    persona_id: z.string().min(1).optional(),
    ...pageParams({ default: 20, max: 100 }),
    offset: z.number().int().min(0).default(0),
    memory_type: memoryFields.memory_type.optional(),
  }),
  result:
    "`{persona_id, memories: [Memory], total, limit, offset, has_more, next_cursor}`, newest first; " +
    "at most `limit` memories, fewer when more would take the reply past MAX_REPLY_BYTES (never none). " +
    "Continue with `next_cursor`; paging by `offset`, the next page starts at `offset` plus the " +
    "number of memories received (not plus `limit`: a page cut by bytes is shorter)",
  errors: ["persona_not_found", "no_active_persona", "memory_unavailable"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    // A cursor, when given, says where the page starts: right after its key (the last memory
    // sent), or at its offset (older cursors); `offset` is the older way to say it.
    const position = params.cursor === undefined
      ? { offset: params.offset }
      : decodeCursor(params.cursor);
    const page = await ctx.memory.list(persona, {
      limit: params.limit,
      offset: position.offset,
      after: position.key,
      memoryType: params.memory_type,
      budgetBytes: pageBudget(ctx),
    });
    return {
      persona_id: persona.id,
      memories: page.memories.map(toView),
      total: page.total,
      limit: params.limit,
      offset: position.offset,
      ...pageInfo(
        page.more ? { offset: position.offset + page.memories.length, key: page.next } : null,
      ),
    };
  },
});
