import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { lorebookId } from "./_params.ts";

/** One lorebook with its entries. */
export default defineHandler({
  method: "lorebook.get",
  description:
    "Get a lorebook: its settings, where it is attached and (unless entries:false) its book",
  params: z.strictObject({ lorebook_id: lorebookId, entries: z.boolean().default(true) }),
  handle(params, ctx) {
    return { lorebook: ctx.lore.view(ctx.lore.get(params.lorebook_id), params.entries) };
  },
});
