import { defineHandler } from "../../core/server/define_handler.ts";
import { PersonaCreate } from "../../core/personas/mod.ts";

/** Creates a persona; returns its id. */
export default defineHandler({
  method: "persona.create",
  description: "Create a persona (name unique, Big Five traits 0.0-1.0)",
  params: PersonaCreate,
  result: "`{persona_id, message, persona}`; missing Big Five traits are 0.5 " +
    "([Persona](../core/personas/README.md))",
  errors: ["conflict"],
  handle(params, ctx) {
    const persona = ctx.personas.create(params);
    return { persona_id: persona.id, message: "Persona created successfully", persona };
  },
});
