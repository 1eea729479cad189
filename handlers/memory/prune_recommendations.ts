import { z } from "zod";
import { idParam } from "../_ids.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** What pruning a persona would do, without doing it. */
export default defineHandler({
  method: "memory.prune_recommendations",
  description: "What memory.prune would remove, without removing anything",
  params: z.strictObject({ persona_id: idParam().optional() }),
  result: "`{persona_id, recommendations: {needs_pruning, current_count, would_prune, " +
    "protected_memories, importance_range_to_prune, recommendation, ...}}`",
  errors: ["persona_not_found", "no_active_persona", "memory_unavailable"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    return {
      persona_id: persona.id,
      recommendations: await ctx.memory.pruning.recommendations(persona.id),
    };
  },
});
