import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Forgets the active persona and the visual context; the connection stays open. */
export default defineHandler({
  method: "session.clear",
  description: "Forget the active persona and visual context (the connection stays open)",
  params: z.strictObject({}),
  result: "`{message, session_id}`; forgets the active persona and the scene",
  handle(_params, ctx) {
    ctx.session.clear();
    return { message: "Session cleared successfully", session_id: ctx.session.id };
  },
});
