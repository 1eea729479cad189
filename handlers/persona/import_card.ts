import { z } from "zod";
import { fromBase64 } from "../../core/characters/mod.ts";
import { InvalidInput } from "../../core/errors.ts";
import { personaFields } from "../../core/personas/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Imports a Character Card (V1/V2/V3; JSON, PNG, CHARX or a YAML character) as a new persona. */
export default defineHandler({
  method: "persona.import_card",
  description:
    "Import a Character Card V1/V2/V3 as a persona: `data` is a JSON, PNG or CHARX file (or a text-generation-webui YAML character) in base64, or `card` the card's JSON",
  params: z.strictObject({
    data: z.string().min(1).max(100_000_000).optional(),
    card: z.record(z.string(), z.unknown()).optional(),
    name: personaFields.name.optional(),
    on_conflict: z.enum(["error", "rename", "replace"]).default("error"),
    use_card_model: z.boolean().default(false).describe(
      'use the model the card names in `extensions["persona-mcp"].model` (default: the server\'s default model; a card from elsewhere must not choose what the server calls)',
    ),
  }).refine((p) => (p.data === undefined) !== (p.card === undefined), {
    message: "give the file as data (base64) or the card as card, not both",
    path: ["data"],
  }),
  result:
    "`{persona_id, message, persona, spec, format, traits_source, lorebook_id, assets, avatar, replaced, notes}`; `traits_source` is `inferred` (rated by the model), `neutral` (no model) or `set` (the card carried them) ([cards](../core/characters/README.md))",
  errors: ["conflict", "invalid_input", "too_large"],
  async handle(params, ctx) {
    const file = params.data === undefined ? undefined : fromBase64(params.data);
    if (file === null) {
      throw new InvalidInput("The card file is not valid base64", [
        { field: "data", message: "is not valid base64 (or a base64 data: URL)" },
      ]);
    }
    const imported = await ctx.characters.importCard({
      file,
      card: params.card,
      name: params.name,
      onConflict: params.on_conflict,
      useCardModel: params.use_card_model,
      signal: ctx.signal,
    });
    return {
      persona_id: imported.persona.id,
      message: `Imported ${imported.format.toUpperCase()} card "${imported.persona.name}"`,
      ...imported,
    };
  },
});
