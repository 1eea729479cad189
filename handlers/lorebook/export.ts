import { z } from "zod";
import { lorebookV3Document, worldInfoDocument } from "../../core/lore/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { lorebookId } from "./_params.ts";

/** A lorebook as a file: SillyTavern World Info (default) or the V3 spec's standalone file. */
export default defineHandler({
  method: "lorebook.export",
  description:
    "Export a lorebook as a file: `sillytavern` (default) is SillyTavern's World Info file ({entries: {uid: entry}, originalData: the book}), which SillyTavern imports and this server reads back unchanged; `lorebook_v3` is the V3 spec's {spec: \"lorebook_v3\", data}",
  params: z.strictObject({
    lorebook_id: lorebookId,
    format: z.enum(["sillytavern", "lorebook_v3"]).default("sillytavern"),
  }),
  result:
    '`{lorebook_id, format, lorebook}`: `lorebook` is the file, `{entries, originalData}` (sillytavern) or `{spec: "lorebook_v3", data}` ([lorebooks](../core/lore/README.md))',
  errors: ["not_found"],
  // A file is one value: it cannot be paged, and a book imported under the request limit may
  // export past the reply limit (each entry's fields written out). REST has no reply limit.
  tooLarge: "fetch the file over HTTP instead (GET /api/lorebooks/{id}/export, no size limit)",
  async handle(params, ctx) {
    const lorebook = await ctx.lore.get(params.lorebook_id);
    const file = params.format === "lorebook_v3"
      ? lorebookV3Document(lorebook.book)
      : worldInfoDocument(lorebook.book, { maxBytes: ctx.characters.maxBytes });
    return { lorebook_id: lorebook.id, format: params.format, lorebook: file };
  },
});
