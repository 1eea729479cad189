import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";
import { idParam } from "../_ids.ts";

/** A persona with its emotional and interaction state. */
export default defineHandler({
  method: "persona.status",
  description:
    "A persona with its emotional state and interaction state (energy, fatigue, cooldown)",
  params: z.strictObject({ persona_id: idParam().optional() }),
  result: "`{persona, emotional_state, interaction_state: {social_energy, interaction_fatigue, " +
    "cooldown_until, available, unavailable_reason, available_at}}`",
  errors: ["persona_not_found", "no_active_persona"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    return {
      persona,
      emotional_state: await ctx.emotions.view(persona),
      interaction_state: await ctx.dialogues.interactionState(persona),
    };
  },
});
