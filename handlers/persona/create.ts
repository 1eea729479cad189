import { z } from "zod";
import { PersonaCreate, READ_ONLY_PERSONA_FIELDS } from "../../core/personas/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { avatarImage, avatarParam } from "./_avatar.ts";

const ignored = z.unknown().optional().describe(
  "read-only: ignored (persona.get's output is accepted)",
);

/** Creates a persona; returns its id. Accepts `persona.get`'s output (read-only fields ignored). */
export default defineHandler({
  method: "persona.create",
  description:
    "Create a persona (name unique, Big Five traits 0.0-1.0, card fields optional); persona.get's output is accepted, its read-only fields ignored",
  params: PersonaCreate.extend({
    avatar: avatarParam.optional(),
    id: ignored,
    created_at: ignored,
    updated_at: ignored,
    memory_stats: ignored,
    lorebooks: ignored,
  }),
  result: "`{persona_id, message, persona}`; missing Big Five traits are 0.5 " +
    "([Persona](../core/personas/README.md)); with `ignored_fields` and a `note` when " +
    "read-only fields of persona.get's output were given",
  errors: ["conflict"],
  async handle(params, ctx) {
    const {
      avatar,
      id: _id,
      created_at: _c,
      updated_at: _u,
      memory_stats: _m,
      lorebooks: _l,
      ...fields
    } = params;
    const image = avatarImage(avatar);
    const ignored = READ_ONLY_PERSONA_FIELDS.filter((field) =>
      params[field] !== undefined && (field !== "avatar" || image === undefined)
    );
    // The avatar commits with the persona, or neither does.
    const persona = await ctx.personas.create(
      fields,
      image ? { alongside: (created) => ctx.characters.setAvatar(created.id, image) } : {},
    );
    return {
      persona_id: persona.id,
      message: "Persona created successfully",
      persona,
      ...(ignored.length
        ? { ignored_fields: ignored, note: `Ignored read-only fields: ${ignored.join(", ")}` }
        : {}),
    };
  },
});
