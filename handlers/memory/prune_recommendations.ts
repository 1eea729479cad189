import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** What pruning a persona would do, without doing it. */
export default defineHandler({
  method: "memory.prune_recommendations",
  description: "What memory.prune would remove, without removing anything",
  params: z.strictObject({ persona_id: z.string().min(1).optional() }),
  async handle(params, ctx) {
    const persona = resolvePersona(ctx.personas, ctx.session, params.persona_id);
    return {
      persona_id: persona.id,
      recommendations: await ctx.memory.pruning.recommendations(persona.id),
    };
  },
});
