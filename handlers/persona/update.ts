import { PersonaPatch } from "../../core/personas/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { avatarImage, avatarParam } from "./_avatar.ts";
import { idParam } from "../_ids.ts";

/** Changes some fields of a persona; returns the updated persona. */
export default defineHandler({
  method: "persona.update",
  description:
    "Update some fields of a persona (partial, by id or name); avatar: base64 image, or null to remove; returns the updated persona",
  params: PersonaPatch.extend({ persona_id: idParam(), avatar: avatarParam.optional() }),
  result: "`{persona, message}`; given traits merge with the current ones",
  errors: ["persona_not_found", "conflict", "invalid_input"],
  async handle({ persona_id, avatar, ...patch }, ctx) {
    const image = avatarImage(avatar);
    const persona = await ctx.personas.update((await ctx.personas.resolve(persona_id)).id, patch);
    if (image !== undefined) await ctx.characters.setAvatar(persona.id, image);
    return { persona, message: "Persona updated successfully" };
  },
});
