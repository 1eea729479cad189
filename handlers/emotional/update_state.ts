import { z } from "zod";
import { unit } from "../../core/personas/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";
import { idParam } from "../_ids.ts";

/** Sets some of a persona's emotional values; out of range is -32602. */
export default defineHandler({
  method: "emotional.update_state",
  description:
    "Set mood (-1..1) and/or energy_level, stress_level, curiosity, social_battery (0..1)",
  params: z.strictObject({
    persona_id: idParam().optional(),
    mood: z.number().min(-1).max(1).optional(),
    energy_level: unit.optional(),
    stress_level: unit.optional(),
    curiosity: unit.optional(),
    social_battery: unit.optional(),
  }),
  result: "`{success, message, persona_id, updated_state}`",
  errors: ["persona_not_found", "no_active_persona"],
  async handle({ persona_id, ...patch }, ctx) {
    const persona = await resolvePersona(ctx, persona_id);
    const updated = await ctx.emotions.update(persona, patch);
    return {
      success: true,
      message: "Emotional state updated successfully",
      persona_id: persona.id,
      updated_state: updated,
    };
  },
});
