import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";
import { idParam } from "../_ids.ts";

/** A persona's emotional state now. */
export default defineHandler({
  method: "emotional.get_state",
  description: "Mood (-1..1), energy, stress, curiosity and social battery (0..1) of a persona now",
  params: z.strictObject({ persona_id: idParam().optional() }),
  result: "`{persona_id, emotional_state: {mood, energy_level, stress_level, curiosity, " +
    "social_battery, last_updated}}`, advanced to now",
  errors: ["persona_not_found", "no_active_persona"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    return { persona_id: persona.id, emotional_state: await ctx.emotions.view(persona) };
  },
});
