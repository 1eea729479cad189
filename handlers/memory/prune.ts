import { z } from "zod";
import { idParam } from "../_ids.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** Prunes a persona above the threshold down to the target (force: even below it). */
export default defineHandler({
  method: "memory.prune",
  description: "Prune a persona's memories down to the target when above the threshold",
  params: z.strictObject({
    persona_id: idParam().optional(),
    force: z.boolean().default(false),
  }),
  result: '`{status: "pruning_completed" or "no_pruning_needed", persona_id, memories_before, ' +
    "memories_after, memories_pruned, protected_memories, threshold, target_count, " +
    "average_importance_pruned, average_importance_kept}`; `force: true` prunes down to the " +
    "target even below the threshold",
  errors: ["persona_not_found", "no_active_persona", "memory_unavailable", "busy"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    return await ctx.memory.pruning.prune(persona.id, params.force);
  },
});
