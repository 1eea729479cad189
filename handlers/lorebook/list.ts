import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { pageParams } from "../../core/paging.ts";
import { LISTED_TEXT_MAX } from "../../core/storage/text_head.ts";
import { targetFields } from "./_params.ts";

/**
 * Lorebooks: all, or those in play for a persona, or attached to a room; a page at a time, each
 * with its description's excerpt.
 */
export default defineHandler({
  method: "lorebook.list",
  description:
    "List lorebooks: every one, or those in play for persona_id (its card's first), or attached to room_id; page with limit and cursor",
  params: z.strictObject({ ...targetFields, ...pageParams({ default: 100, max: 500 }) }),
  result: "`{lorebooks: [summary], total_count, has_more, next_cursor}`; for a persona its " +
    "card's own book first; a book's `description` is its first " +
    `${LISTED_TEXT_MAX} characters at most (cut between characters), with ` +
    "`description_truncated: true` when there is more (lorebook.get has it whole)",
  errors: ["persona_not_found", "not_found"],
  async handle(params, ctx) {
    const persona = params.persona_id === undefined
      ? undefined
      : await ctx.personas.resolve(params.persona_id);
    const roomId = params.room_id === undefined
      ? undefined
      : (await ctx.rooms.get(params.room_id)).id;
    const { items, ...page } = await ctx.lore.page({ persona, roomId }, params);
    return { lorebooks: items, ...page };
  },
});
