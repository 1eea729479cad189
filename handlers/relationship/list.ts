import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { relationshipsOf } from "../../core/relationships/views.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** Every relationship of a persona, strongest first. */
export default defineHandler({
  method: "relationship.list",
  description: "Every relationship of persona_id (or the active persona), strongest first",
  params: z.strictObject({ persona_id: z.string().min(1).optional() }),
  result: "`{persona_id, relationships: [as in relationship.get], total_relationships}`, " +
    "strongest first",
  errors: ["persona_not_found", "no_active_persona"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    const relationships = await relationshipsOf(ctx, persona.id);
    return { persona_id: persona.id, relationships, total_relationships: relationships.length };
  },
});
