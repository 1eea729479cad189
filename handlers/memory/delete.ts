import { z } from "zod";
import { MAX_MEMORY_ID } from "../../core/memory/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Deletes a memory. */
export default defineHandler({
  method: "memory.delete",
  description: "Delete a memory",
  params: z.strictObject({ memory_id: z.string().min(1).max(MAX_MEMORY_ID) }),
  result: "`{memory_id, persona_id, deleted: true}`",
  errors: ["not_found", "memory_unavailable", "busy"],
  async handle(params, ctx) {
    const record = await ctx.memory.delete(params.memory_id);
    return { memory_id: record.id, persona_id: record.persona_id, deleted: true };
  },
});
