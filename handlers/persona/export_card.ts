import { z } from "zod";
import { toBase64 } from "../../core/characters/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";
import { idParam } from "../_ids.ts";

/** Exports a persona as a Character Card file. */
export default defineHandler({
  method: "persona.export_card",
  description:
    "Export a persona (or the active one) as a Character Card: png (chara and ccv3 chunks), json or charx; spec v3 or v2",
  params: z.strictObject({
    persona_id: idParam().optional(),
    format: z.enum(["png", "json", "charx"]).default("png"),
    spec: z.enum(["v3", "v2"]).default("v3"),
  }),
  result:
    "`{persona_id, format, spec, mime, filename, size_bytes, data}`: `data` is the file in base64; for json also `card` ([cards](../core/characters/README.md))",
  errors: ["persona_not_found", "no_active_persona"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    const file = await ctx.characters.exportCard(persona, {
      format: params.format,
      spec: params.spec,
    });
    return {
      persona_id: persona.id,
      format: params.format,
      spec: params.spec,
      mime: file.mime,
      filename: `${persona.name.replace(/[^\p{L}\p{N} ._-]+/gu, "_")}.${file.extension}`,
      size_bytes: file.bytes.length,
      data: toBase64(file.bytes),
      ...(params.format === "json"
        ? { card: JSON.parse(new TextDecoder().decode(file.bytes)) }
        : {}),
    };
  },
});
