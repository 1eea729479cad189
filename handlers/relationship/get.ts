import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { relationshipsOf } from "../../core/relationships/views.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";
import { idParam } from "../_ids.ts";

/** One pair's relationship, or every relationship of one persona. */
export default defineHandler({
  method: "relationship.get",
  description:
    "With persona1_id and persona2_id: that pair (any order); else the relationships of persona_id or the active persona",
  params: z.strictObject({
    persona1_id: idParam().optional(),
    persona2_id: idParam().optional(),
    persona_id: idParam().optional(),
  }).refine((p) => (p.persona1_id === undefined) === (p.persona2_id === undefined), {
    message: "give both persona1_id and persona2_id, or neither",
    path: ["persona2_id"],
  }),
  result: "A pair: `{relationship: {..., history}, exists: true}`, or `{relationship: null, " +
    "exists: false, message}` when they never met. A persona: `{persona_id, relationships: " +
    "[{target_persona_id, target_persona_name, relationship_type, strength, affinity, " +
    "trust, respect, intimacy, interaction_count, compatibility_score, last_interaction}]}`",
  errors: ["persona_not_found", "no_active_persona"],
  async handle(params, ctx) {
    if (params.persona1_id && params.persona2_id) {
      const a = (await ctx.personas.resolve(params.persona1_id)).id;
      const b = (await ctx.personas.resolve(params.persona2_id)).id;
      const relationship = await ctx.relationships.get(a, b);
      if (!relationship) {
        return { relationship: null, exists: false, message: "These personas have not met yet" };
      }
      const history = await ctx.relationships.interactions(a, b);
      return { relationship: { ...relationship, history }, exists: true };
    }
    const persona = await resolvePersona(ctx, params.persona_id);
    return {
      persona_id: persona.id,
      relationships: await relationshipsOf(ctx, persona.id),
    };
  },
});
