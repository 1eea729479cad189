import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { idParam } from "../_ids.ts";

/** Deletes a room and its transcript (memories the personas made stay theirs). */
export default defineHandler({
  method: "room.delete",
  description: "Delete a room and its transcript; what the personas remember stays with them",
  params: z.strictObject({ room_id: idParam() }),
  result: "`{room_id, deleted: true}`",
  errors: ["not_found"],
  async handle(params, ctx) {
    const room = await ctx.rooms.delete(params.room_id);
    return { room_id: room.id, deleted: true };
  },
});
