import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { lorebookId, targetFields } from "./_params.ts";
import { loreTarget } from "./_target.ts";

/** Detaches a lorebook from a persona or a room. */
export default defineHandler({
  method: "lorebook.detach",
  description: "Detach a lorebook from a persona (by id or name) or from a room",
  params: z.strictObject({ lorebook_id: lorebookId, ...targetFields }),
  result: "`{detached, lorebook}`; `detached` is false when it was not attached",
  errors: ["not_found", "persona_not_found", "invalid_input"],
  async handle(params, ctx) {
    const target = await loreTarget(ctx, { ...params, required: true });
    const detached = target ? await ctx.lore.detach(params.lorebook_id, target) : false;
    return { detached, lorebook: await ctx.lore.view(await ctx.lore.get(params.lorebook_id)) };
  },
});
