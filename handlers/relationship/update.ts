import { z } from "zod";
import { idParam } from "../_ids.ts";
import { Interaction, RELATIONSHIP_TYPES } from "../../core/relationships/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

const id = idParam();

/** Declares a relationship, or applies an interaction between two personas. */
export default defineHandler({
  method: "relationship.update",
  description:
    "Either {persona_id, target_persona_id, relationship_type, strength} or an interaction {persona1_id, persona2_id, interaction_quality -1..1, duration_minutes, context}",
  params: z.strictObject({
    persona_id: id.optional(),
    target_persona_id: id.optional(),
    relationship_type: z.enum(RELATIONSHIP_TYPES).optional(),
    strength: z.number().min(0).max(1).optional(),
    persona1_id: id.optional(),
    persona2_id: id.optional(),
    interaction_quality: Interaction.shape.quality.optional(),
    duration_minutes: Interaction.shape.duration_minutes.default(5),
    context: Interaction.shape.context.default("conversation"),
  }).refine(
    (p) =>
      (p.persona_id && p.target_persona_id && p.relationship_type && p.strength !== undefined) ||
      (p.persona1_id && p.persona2_id && p.interaction_quality !== undefined),
    {
      message:
        "needs persona_id, target_persona_id, relationship_type and strength, or persona1_id, persona2_id and interaction_quality",
    },
  ),
  result: "Declared: `{success, message, relationship}`. An interaction: `{success, message, " +
    "interaction_processed, changes, updated_relationship}` " +
    "([rules](../core/relationships/README.md))",
  errors: ["persona_not_found", "invalid_input"],
  async handle(p, ctx) {
    if (p.persona1_id && p.persona2_id && p.interaction_quality !== undefined) {
      const interaction = {
        quality: p.interaction_quality,
        duration_minutes: p.duration_minutes,
        context: p.context,
      };
      const outcome = await ctx.relationships.recordInteraction(
        (await ctx.personas.resolve(p.persona1_id)).id,
        (await ctx.personas.resolve(p.persona2_id)).id,
        interaction,
      );
      return {
        success: true,
        message: "Relationship updated successfully",
        interaction_processed: interaction,
        changes: outcome.changes,
        updated_relationship: outcome.relationship,
      };
    }
    const relationship = await ctx.relationships.declare(
      (await ctx.personas.resolve(p.persona_id ?? "")).id,
      (await ctx.personas.resolve(p.target_persona_id ?? "")).id,
      { type: p.relationship_type!, strength: p.strength! },
    );
    return { success: true, message: "Relationship updated successfully", relationship };
  },
});
