import { z } from "zod";
import { chat, chatOptions, messageText } from "./_chat.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Sends a message to the active (or given) persona and returns its in-character answer. */
export default defineHandler({
  method: "conversation.send_message",
  description:
    "Send a message to the active persona (or persona_id) and get its answer; stream:true sends conversation.chunk notifications first",
  params: z.strictObject({ content: messageText, ...chatOptions }),
  result: "`{response, persona_id, message_id, response_time_ms, memory_stored, model, tokens: " +
    "{prompt, completion}, truncated?, recalled_memories: [{id, content, importance, " +
    "memory_type, created_at, score}], lore_used, lore_used_total?, lore_skipped, " +
    "lore_skipped_total?}` (`truncated: true` when the model stopped at its token limit, " +
    "LLM_MAX_TOKENS, and the reply is cut off; absent otherwise. The memories put in the prompt; " +
    "the lorebook entries that fired and were left out, the first 64 of each, with the `_total` " +
    "count when there are more: [lorebooks](../core/characters/README.md#lorebooks)). With " +
    "`stream: true`, `conversation.chunk {request_id, persona_id, index, text}` notifications " +
    "come first; the chunks joined equal `response`. A thinking model's reasoning " +
    "(`<think>…</think>`) is in neither, save a template-opened thought streamed before its model " +
    "was learned ([details](../core/chat/README.md))",
  errors: ["persona_not_found", "no_active_persona", "llm_unavailable", "busy"],
  handle({ content, ...options }, ctx) {
    return chat(ctx, content, options);
  },
});
