import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Lists every persona. */
export default defineHandler({
  method: "persona.list",
  description: "List every persona with its traits",
  params: z.strictObject({}),
  result: "`{personas: [Persona], total_count}`",
  async handle(_params, ctx) {
    const personas = await ctx.personas.list();
    return { personas, total_count: personas.length };
  },
});
