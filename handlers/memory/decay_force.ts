import { z } from "zod";
import { idParam } from "../_ids.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Decays one persona's memories now, or runs a full decay cycle over every persona. */
export default defineHandler({
  method: "memory.decay_force",
  description: "Decay memories now: one persona, or all (a full cycle) when persona_id is absent",
  params: z.strictObject({
    persona_id: idParam().optional(),
    decay_factor: z.number().gt(0).lt(1).optional(),
  }),
  result: 'One persona: `{status: "persona_decay_completed", decay_factor, persona_id, ' +
    "memories_processed, memories_decayed, memories_exempt}`. Without `persona_id` (every " +
    'persona): a full cycle, `{status: "global_decay_cycle_completed", ...}`, or with ' +
    '`decay_factor` that fraction taken off all, `{status: "global_decay_completed", ' +
    "...}`",
  errors: ["persona_not_found", "memory_unavailable", "busy"],
  async handle(params, ctx) {
    const decay = ctx.memory.decay;
    if (params.persona_id !== undefined) {
      const persona = await ctx.personas.get(params.persona_id);
      const result = await decay.decayPersona(persona.id, params.decay_factor);
      return {
        status: "persona_decay_completed",
        decay_factor: params.decay_factor ?? null,
        ...result,
      };
    }
    if (params.decay_factor !== undefined) {
      const totals = await decay.decayAllBy(params.decay_factor);
      return { status: "global_decay_completed", decay_factor: params.decay_factor, ...totals };
    }
    return {
      status: "global_decay_cycle_completed",
      decay_factor: null,
      ...await decay.runCycle(),
    };
  },
});
