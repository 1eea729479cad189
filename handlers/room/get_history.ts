import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { idParam } from "../_ids.ts";

/** The room's transcript, newest first, paged with before_id. */
export default defineHandler({
  method: "room.get_history",
  description:
    "A room's transcript (the user's lines and each persona's, named), newest first: whole rounds only (a round's lines appear once it answered)",
  params: z.strictObject({
    room_id: idParam(),
    limit: z.number().int().min(1).max(200).default(50),
    before_id: idParam().optional(),
  }),
  result:
    "`{room_id, messages: [{id, seq, speaker_kind, persona_id, speaker, content, reason, model, tokens, created_at}], has_more}`, newest first",
  errors: ["not_found"],
  async handle(params, ctx) {
    const page = await ctx.rooms.history(params.room_id, {
      limit: params.limit,
      beforeId: params.before_id,
    });
    return { room_id: params.room_id, ...page };
  },
});
