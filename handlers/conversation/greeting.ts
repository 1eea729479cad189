import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";
import { idParam } from "../_ids.ts";
import { shownName } from "../../core/name_characters.ts";

/** Picks the greeting that opens this session with the persona (like a swipe of the first message). */
export default defineHandler({
  method: "conversation.greeting",
  description:
    "Pick the greeting that opens this session with the active (or given) persona: 0 is the card's first_mes, n its n-th alternate greeting; only before the first message",
  params: z.strictObject({
    index: z.number().int().min(0).max(256).default(0),
    persona_id: idParam().optional(),
    user: shownName(128).default("user"),
  }),
  result:
    "`{persona_id, greeting, greeting_index, message_id, greetings_available}`: the session now opens with this greeting (macros replaced); before the first message only ([greetings](../core/characters/README.md#greetings))",
  errors: ["persona_not_found", "no_active_persona", "invalid_input"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    const greeting = await ctx.chat.chooseGreeting({
      persona,
      session: ctx.session,
      user: params.user,
      index: params.index,
    });
    return {
      persona_id: persona.id,
      greeting: greeting.text,
      greeting_index: greeting.index,
      message_id: greeting.message_id,
      greetings_available: 1 + persona.alternate_greetings.length,
    };
  },
});
