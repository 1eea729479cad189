import { z } from "zod";
import { parseLorebook } from "../../core/lore/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { bookFields, targetFields } from "./_params.ts";
import { loreTarget } from "./_target.ts";
import { shownName } from "../../core/name_characters.ts";

/** Creates a lorebook from its fields; attaches it to a persona or a room when one is named. */
export default defineHandler({
  method: "lorebook.create",
  description:
    "Create a lorebook (World Info) from V3 fields and entries; attached to persona_id or room_id when given",
  params: z.strictObject({
    name: shownName(200),
    ...bookFields,
    ...targetFields,
  }),
  result:
    "`{lorebook_id, lorebook}` with its book ([lorebooks](../core/characters/README.md#lorebooks))",
  errors: ["persona_not_found", "not_found", "invalid_input"],
  async handle({ name, persona_id, room_id, ...fields }, ctx) {
    const target = await loreTarget(ctx, { persona_id, room_id, required: false });
    const book = parseLorebook({ ...fields, name });
    // Made and attached in one transaction: a target deleted meanwhile leaves no book.
    const lorebook = target
      ? await ctx.lore.createAttached(book, { name, target })
      : await ctx.lore.create(book, { name });
    return { lorebook_id: lorebook.id, lorebook: await ctx.lore.view(lorebook, true) };
  },
});
