import { z } from "zod";
import { lorebookV3Document } from "../../core/lore/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { lorebookId } from "./_params.ts";

/** A lorebook as the V3 spec's standalone file. */
export default defineHandler({
  method: "lorebook.export",
  description: 'Export a lorebook as a V3 lorebook file ({spec: "lorebook_v3", data})',
  params: z.strictObject({ lorebook_id: lorebookId }),
  result: '`{lorebook_id, lorebook: {spec: "lorebook_v3", data}}`',
  errors: ["not_found"],
  async handle(params, ctx) {
    const lorebook = await ctx.lore.get(params.lorebook_id);
    return { lorebook_id: lorebook.id, lorebook: lorebookV3Document(lorebook.book) };
  },
});
