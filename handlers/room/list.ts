import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { pageParams } from "../../core/paging.ts";
import { LISTED_SCENARIO_MAX } from "../../core/rooms/mod.ts";

/** The rooms, a page at a time, each with its scenario's excerpt. */
export default defineHandler({
  method: "room.list",
  description: "List the rooms with the personas present; page with limit and cursor",
  params: z.strictObject(pageParams({ default: 100, max: 500 })),
  result: "`{rooms: [room], total_count, has_more, next_cursor}`; a room's `scenario` is its " +
    `first ${LISTED_SCENARIO_MAX} characters at most (cut between characters), with ` +
    "`scenario_truncated: true` when there is more (room.get has it whole)",
  errors: [],
  async handle(params, ctx) {
    const { items, ...page } = await ctx.rooms.page(params);
    return { rooms: items, ...page };
  },
});
