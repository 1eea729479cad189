import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { targetFields } from "./_params.ts";
import { loreTarget } from "./_target.ts";
import { shownName } from "../../core/name_characters.ts";

/**
 * Imports a lorebook file: V3 `lorebook_v3`, a V2 `character_book`, a card's book, SillyTavern
 * World Info, or what SillyTavern also imports (NovelAI, Agnai memory book, RisuAI lorebook).
 */
export default defineHandler({
  method: "lorebook.import",
  description:
    "Import a lorebook: {spec: lorebook_v3, data}, a V2 character_book, a character card's book, a SillyTavern World Info file, a NovelAI .lorebook, an Agnai memory book or a RisuAI lorebook; attached to persona_id or room_id when given",
  params: z.strictObject({
    lorebook: z.record(z.string(), z.unknown()),
    name: shownName(200).optional(),
    ...targetFields,
  }),
  result:
    "`{lorebook_id, source, lorebook}`; `source` is `lorebook_v3`, `character_book`, `card`, `sillytavern_world`, `novelai`, `agnai_memory` or `risu`",
  errors: ["persona_not_found", "not_found", "invalid_input"],
  async handle(params, ctx) {
    const target = await loreTarget(ctx, { ...params, required: false });
    // Made and attached in one transaction: a target deleted meanwhile leaves no book.
    const { lorebook, source } = await ctx.lore.import(params.lorebook, {
      name: params.name,
      target,
    });
    return { lorebook_id: lorebook.id, source, lorebook: await ctx.lore.view(lorebook) };
  },
});
