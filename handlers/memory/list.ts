import { z } from "zod";
import { memoryFields, toView } from "../../core/memory/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** A persona's memories, newest first, a page at a time (to find one to correct). */
export default defineHandler({
  method: "memory.list",
  description: "List a persona's memories, newest first, a page at a time",
  params: z.strictObject({
    persona_id: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).default(0),
    memory_type: memoryFields.memory_type.optional(),
  }),
  result: "`{persona_id, memories: [Memory], total, limit, offset}`, newest first",
  errors: ["persona_not_found", "no_active_persona", "memory_unavailable"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    const page = await ctx.memory.list(persona, {
      limit: params.limit,
      offset: params.offset,
      memoryType: params.memory_type,
    });
    return {
      persona_id: persona.id,
      memories: page.memories.map(toView),
      total: page.total,
      limit: params.limit,
      offset: params.offset,
    };
  },
});
