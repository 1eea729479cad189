import { z } from "zod";
import { chat, chatOptions, messageText } from "./_chat.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Sends a message to the active (or given) persona and returns its in-character answer. */
export default defineHandler({
  method: "conversation.send_message",
  description:
    "Send a message to the active persona (or persona_id) and get its answer; stream:true sends conversation.chunk notifications first",
  params: z.strictObject({ content: messageText, ...chatOptions }),
  handle({ content, ...options }, ctx) {
    return chat(ctx, content, options);
  },
});
