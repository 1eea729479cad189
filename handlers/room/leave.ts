import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { idParam } from "../_ids.ts";

/** A persona leaves a room: it neither hears nor remembers what is said after. */
export default defineHandler({
  method: "room.leave",
  description:
    "A persona (id or name) leaves a room; it neither hears nor remembers what is said until it joins again",
  params: z.strictObject({ room_id: idParam(), persona_id: idParam() }),
  result: "`{persona_id, left, room}`; `left` is false when it was not there",
  errors: ["not_found", "persona_not_found"],
  async handle(params, ctx) {
    const persona = await ctx.personas.resolve(params.persona_id);
    return { persona_id: persona.id, ...await ctx.rooms.leave(params.room_id, persona) };
  },
});
