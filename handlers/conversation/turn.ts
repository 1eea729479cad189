import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Generates the next turn of a persona-to-persona conversation. */
export default defineHandler({
  method: "conversation.turn",
  description:
    "Generate the next turn: speaker, content, continue score with reasons, response type, and whether it ended",
  params: z.strictObject({ conversation_id: z.string().min(1) }),
  handle(params, ctx) {
    return ctx.dialogues.turn(params.conversation_id, ctx.signal);
  },
});
