import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { idParam } from "../_ids.ts";

/** How well two personas get along, and why. */
export default defineHandler({
  method: "relationship.compatibility",
  description: "Compatibility 0..1 of two personas: parts, prediction, style, topics, challenges",
  params: z.strictObject({ persona1_id: idParam(), persona2_id: idParam() }),
  result: "`{persona1, persona2, overall, personality, social, interests, history, prediction, " +
    "interaction_style, recommended_topics, potential_challenges, existing_relationship}` " +
    "([how](../core/relationships/README.md))",
  errors: ["persona_not_found"],
  async handle(params, ctx) {
    const [a, b] = [
      await ctx.personas.resolve(params.persona1_id),
      await ctx.personas.resolve(params.persona2_id),
    ];
    return {
      persona1: { id: a.id, name: a.name },
      persona2: { id: b.id, name: b.name },
      ...await ctx.relationships.compatibility(a.id, b.id),
      existing_relationship: await ctx.relationships.get(a.id, b.id) ?? null,
    };
  },
});
