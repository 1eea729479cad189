import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { lorebookId } from "./_params.ts";

/** Deletes a lorebook (a card's own book too: the card then has none). */
export default defineHandler({
  method: "lorebook.delete",
  description: "Delete a lorebook and its attachments",
  params: z.strictObject({ lorebook_id: lorebookId }),
  result: "`{lorebook_id, name, deleted: true}`",
  errors: ["not_found"],
  async handle(params, ctx) {
    const lorebook = await ctx.lore.delete(params.lorebook_id);
    return { lorebook_id: lorebook.id, name: lorebook.name, deleted: true };
  },
});
