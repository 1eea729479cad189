import { z } from "zod";
import { idParam } from "../_ids.ts";
import { listStart, memoryFields, scopedKey, toView } from "../../core/memory/mod.ts";
import { pageBudget, pageInfo, pageParams } from "../../core/paging.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** A persona's memories, newest first, a page at a time (to find one to correct). */
export default defineHandler({
  method: "memory.list",
  description:
    "List a persona's memories, newest first, a page at a time (limit with cursor or offset)",
  params: z.strictObject({
    persona_id: idParam().optional(),
    ...pageParams({ default: 20, max: 100 }),
    offset: z.number().int().min(0).optional(),
    memory_type: memoryFields.memory_type.optional(),
  }),
  result:
    "`{persona_id, memories: [Memory], total, limit, offset, has_more, next_cursor}`, newest first; " +
    "at most `limit` memories, fewer when more would take the reply past MAX_REPLY_BYTES (never none). " +
    "Continue with `next_cursor` (with the same `persona_id` and `memory_type`: a cursor of " +
    "another list, or a cursor with `offset`, is -32602); paging by `offset`, the next page " +
    "starts at `offset` plus the number of memories received (not plus `limit`: a page cut by " +
    "bytes is shorter)",
  errors: ["persona_not_found", "no_active_persona", "memory_unavailable"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    // A cursor says where the page starts (right after its key: the last memory sent), for this
    // persona and filter only; `offset` is the older way to say it, never with a cursor.
    const scope = { personaId: persona.id, memoryType: params.memory_type };
    const position = listStart(scope, params);
    const page = await ctx.memory.list(persona, {
      limit: params.limit,
      offset: position.offset,
      after: position.after,
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
        page.more
          ? {
            offset: position.offset + page.memories.length,
            key: page.next === undefined ? undefined : scopedKey(scope, page.next),
          }
          : null,
      ),
    };
  },
});
