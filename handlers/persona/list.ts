import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { avatarView } from "./_avatar.ts";

/** Lists every persona. */
export default defineHandler({
  method: "persona.list",
  description: "List every persona with its traits and avatar",
  params: z.strictObject({}),
  result: "`{personas: [Persona + avatar: {mime, size_bytes, url} | null], total_count}`",
  async handle(_params, ctx) {
    const avatars = await ctx.characters.avatarSummaries();
    const personas = (await ctx.personas.list()).map((persona) => ({
      ...persona,
      avatar: avatarView(persona.id, avatars.get(persona.id)),
    }));
    return { personas, total_count: personas.length };
  },
});
