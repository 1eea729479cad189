import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { idParam } from "../_ids.ts";
import { shownName } from "../../core/name_characters.ts";

/** Makes a persona (by id or case-insensitive name) the session's active persona. */
export default defineHandler({
  method: "persona.switch",
  description:
    "Make a persona active for this session (by id or by name, any case); a new session with a persona opens with its greeting",
  params: z.strictObject({
    persona_id: idParam(),
    /** Who the greeting is for (`{{user}}`). */
    user: shownName(128).default("user"),
  }),
  result:
    "`{message, persona_id, name, session_id, greeting, greeting_index}`; later calls of this session " +
    "without `persona_id` use it. `greeting` is the card's greeting that opened this session with " +
    "the persona (null when it has none)",
  errors: ["persona_not_found"],
  async handle(params, ctx) {
    const persona = await ctx.personas.resolve(params.persona_id);
    ctx.session.activePersonaId = persona.id;
    const greeting = await ctx.chat.greet({ persona, session: ctx.session, user: params.user }) ??
      await ctx.chat.openingGreeting(persona, ctx.session);
    return {
      message: `Switched to persona: ${persona.name}`,
      persona_id: persona.id,
      name: persona.name,
      session_id: ctx.session.id,
      greeting: greeting?.text ?? null,
      greeting_index: greeting?.index ?? null,
    };
  },
});
