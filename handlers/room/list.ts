import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Every room. */
export default defineHandler({
  method: "room.list",
  description: "List the rooms with the personas present",
  params: z.strictObject({}),
  result: "`{rooms: [room], total_count}`",
  errors: [],
  async handle(_params, ctx) {
    const rooms = await ctx.rooms.list();
    return { rooms, total_count: rooms.length };
  },
});
