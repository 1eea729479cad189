import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { personaAnswer } from "../../core/server/persona_answers.ts";
import { idParam } from "../_ids.ts";

/** One persona: by id or name, or the session's active persona; with memory, avatar and lore. */
export default defineHandler({
  method: "persona.get",
  description:
    "Get one persona by id or name, or the session's active persona when none is given; with its memory figures, avatar and lorebooks",
  params: z.strictObject({ persona_id: idParam().optional() }),
  result: "`{persona: Persona + memory_stats: {total_memories, recent_interactions}}`; when " +
    "memory cannot be reached, `total_memories` is null and `memory_error` says why",
  errors: ["persona_not_found", "no_active_persona"],
  // An unchanged persona's answer is kept and made at once (`persona_answers.ts`): counted at
  // 0 s by the request metrics, no clock read; a read from the database is timed.
  instant: true,
  handle(params, ctx) {
    return personaAnswer(ctx, params.persona_id);
  },
});
