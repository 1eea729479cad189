import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { idParam } from "../_ids.ts";

/** One room: settings, members present, lorebooks. */
export default defineHandler({
  method: "room.get",
  description: "A room: its settings, the personas present and its lorebooks",
  params: z.strictObject({ room_id: idParam() }),
  result: "`{room, lorebooks: [{id, name}]}`",
  errors: ["not_found"],
  async handle(params, ctx) {
    const room = await ctx.rooms.view(params.room_id);
    const lorebooks = (await ctx.lore.list({ roomId: room.id })).map((book) => ({
      id: book.id,
      name: book.name,
    }));
    return { room, lorebooks };
  },
});
