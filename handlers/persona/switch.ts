import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Makes a persona (by id or case-insensitive name) the session's active persona. */
export default defineHandler({
  method: "persona.switch",
  description: "Make a persona active for this session (by id or by name, any case)",
  params: z.strictObject({ persona_id: z.string().min(1) }),
  result: "`{message, persona_id, name, session_id}`; later calls of this session without " +
    "`persona_id` use it",
  errors: ["persona_not_found"],
  handle(params, ctx) {
    const persona = ctx.personas.resolve(params.persona_id);
    ctx.session.activePersonaId = persona.id;
    return {
      message: `Switched to persona: ${persona.name}`,
      persona_id: persona.id,
      name: persona.name,
      session_id: ctx.session.id,
    };
  },
});
