import { z } from "zod";
import { idParam } from "../_ids.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** A persona's memory statistics. */
export default defineHandler({
  method: "memory.get_stats",
  description: "Memory statistics of a persona: totals, per type, importance, oldest and newest",
  params: z.strictObject({ persona_id: idParam().optional() }),
  result:
    "`{persona_id, total_memories, memory_types, average_importance, high_importance_count, " +
    "oldest_memory, newest_memory, by_visibility, total_accesses, embedder, needs_reindex, " +
    "backend}`",
  errors: ["persona_not_found", "no_active_persona", "memory_unavailable"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    return await ctx.memory.stats(persona);
  },
});
