import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { lorebookId } from "./_params.ts";

/** One lorebook with its entries. */
export default defineHandler({
  method: "lorebook.get",
  description:
    "Get a lorebook: its settings, where it is attached and (unless entries:false) its book",
  params: z.strictObject({ lorebook_id: lorebookId, entries: z.boolean().default(true) }),
  result:
    "`{lorebook: {id, name, description, owner_persona_id, entry_count, persona_ids, room_ids, created_at, updated_at, book?}}`",
  errors: ["not_found"],
  async handle(params, ctx) {
    return {
      lorebook: await ctx.lore.view(await ctx.lore.get(params.lorebook_id), params.entries),
    };
  },
});
