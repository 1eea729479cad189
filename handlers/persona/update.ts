import { defineHandler } from "../../core/server/define_handler.ts";
import { PersonaPatch } from "../../core/personas/mod.ts";
import { z } from "zod";

/** Changes some fields of a persona; returns the updated persona. */
export default defineHandler({
  method: "persona.update",
  description: "Update some fields of a persona (partial); returns the updated persona",
  params: PersonaPatch.extend({ persona_id: z.string().min(1) }),
  result: "`{persona, message}`; given traits merge with the current ones",
  errors: ["persona_not_found", "conflict"],
  handle({ persona_id, ...patch }, ctx) {
    const persona = ctx.personas.update(persona_id, patch);
    return { persona, message: "Persona updated successfully" };
  },
});
