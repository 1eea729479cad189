import { z } from "zod";
import { chat, chatOptions, messageText } from "../conversation/_chat.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** The original project's name for conversation.send_message (same engine, `message` field). */
export default defineHandler({
  method: "persona.chat",
  description: "Same as conversation.send_message, with the text in `message`",
  params: z.strictObject({ message: messageText, ...chatOptions }),
  result: "Same as `conversation.send_message` (the original project's name, with the text in " +
    "`message`)",
  errors: ["persona_not_found", "no_active_persona", "llm_unavailable", "busy"],
  handle({ message, ...options }, ctx) {
    return chat(ctx, message, options);
  },
});
