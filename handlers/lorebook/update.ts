import { z } from "zod";
import { parseLorebook } from "../../core/lore/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { bookFields, lorebookId } from "./_params.ts";

/** Changes a lorebook's name, settings or entries (entries are replaced as a whole). */
export default defineHandler({
  method: "lorebook.update",
  description:
    "Update a lorebook: name, description, scan_depth, token_budget, recursive_scanning, extensions, or all its entries",
  params: z.strictObject({
    lorebook_id: lorebookId,
    name: z.string().trim().min(1).max(200).optional(),
    ...bookFields,
  }),
  result: "`{lorebook, message}` with the book",
  errors: ["not_found", "invalid_input"],
  async handle({ lorebook_id, name, ...fields }, ctx) {
    const current = await ctx.lore.get(lorebook_id);
    const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const book = parseLorebook({ ...current.book, ...given, name: name ?? current.name });
    const lorebook = await ctx.lore.update(lorebook_id, { name, book });
    return { lorebook: await ctx.lore.view(lorebook, true), message: "Lorebook updated" };
  },
});
