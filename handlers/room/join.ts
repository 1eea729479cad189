import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { idParam } from "../_ids.ts";

/** A persona joins a room: from now on it hears, remembers and may answer. */
export default defineHandler({
  method: "room.join",
  description:
    "A persona (id or name) joins a room; it hears and remembers what is said from now on",
  params: z.strictObject({ room_id: idParam(), persona_id: idParam() }),
  result:
    "`{persona_id, joined, room}`; `joined` is false when it was already there (also in a full room); a newcomer to a full room (16) is -32602",
  errors: ["not_found", "persona_not_found", "invalid_input"],
  async handle(params, ctx) {
    const persona = await ctx.personas.resolve(params.persona_id);
    return { persona_id: persona.id, ...await ctx.rooms.join(params.room_id, persona) };
  },
});
