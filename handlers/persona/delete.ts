import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { idParam } from "../_ids.ts";

/** Deletes a persona and everything that belongs to it. */
export default defineHandler({
  method: "persona.delete",
  description: "Delete a persona and all its data (memories, history, relationships)",
  params: z.strictObject({ persona_id: idParam() }),
  result:
    "`{persona_id, name, deleted: true, message}`; its memories, history, relationships and " +
    "states go too; sessions that had it active are left with none",
  errors: ["persona_not_found"],
  async handle(params, ctx) {
    const persona = await ctx.personas.delete((await ctx.personas.resolve(params.persona_id)).id);
    return {
      persona_id: persona.id,
      name: persona.name,
      deleted: true,
      message: `Persona '${persona.name}' and all associated data deleted successfully`,
    };
  },
});
