import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { bookFields, lorebookId } from "./_params.ts";
import { shownName } from "../../core/name_characters.ts";

/** Changes a lorebook's name, settings or entries (entries are replaced as a whole). */
export default defineHandler({
  method: "lorebook.update",
  description:
    "Update a lorebook: name, description, scan_depth, token_budget, recursive_scanning, extensions, or all its entries",
  params: z.strictObject({
    lorebook_id: lorebookId,
    name: shownName(200).optional(),
    ...bookFields,
  }),
  result: "`{lorebook, message}` with the book",
  errors: ["not_found", "invalid_input"],
  async handle({ lorebook_id, name, ...fields }, ctx) {
    const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    // Applied to the book as stored when the update runs: updates at once each keep theirs.
    const lorebook = await ctx.lore.update(lorebook_id, { name, fields: given });
    return { lorebook: await ctx.lore.view(lorebook, true), message: "Lorebook updated" };
  },
});
