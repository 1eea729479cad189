import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { lorebookId, targetFields } from "./_params.ts";
import { loreTarget } from "./_target.ts";

/** Attaches a lorebook to a persona (its chats and rooms) or to a room (everyone in it). */
export default defineHandler({
  method: "lorebook.attach",
  description:
    "Attach a lorebook to a persona (by id or name) or to a room (at most 256 books each)",
  params: z.strictObject({ lorebook_id: lorebookId, ...targetFields }),
  result: "`{attached: true, lorebook}` (the lorebook's summary with `persona_ids` and `room_ids`)",
  errors: ["not_found", "persona_not_found", "invalid_input"],
  async handle(params, ctx) {
    const target = await loreTarget(ctx, { ...params, required: true });
    const lorebook = target
      ? await ctx.lore.attach(params.lorebook_id, target)
      : await ctx.lore.get(params.lorebook_id);
    return { attached: true, lorebook: await ctx.lore.view(lorebook) };
  },
});
