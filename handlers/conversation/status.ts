import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** The state of a persona-to-persona conversation. */
export default defineHandler({
  method: "conversation.status",
  description: "State of a persona-to-persona conversation: turns, last score, tokens, end reason",
  params: z.strictObject({ conversation_id: z.string().min(1) }),
  handle(params, ctx) {
    return ctx.dialogues.status(params.conversation_id);
  },
});
