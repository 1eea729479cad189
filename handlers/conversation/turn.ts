import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { idParam } from "../_ids.ts";

/** Generates the next turn of a persona-to-persona conversation. */
export default defineHandler({
  method: "conversation.turn",
  description:
    "Generate the next turn: speaker, content, continue score with reasons, response type, and whether it ended",
  params: z.strictObject({ conversation_id: idParam() }),
  result: "`{conversation_id, turn_number, speaker_id, speaker_name, speaker_reason, content, " +
    "continue_score, factors, reasons, response_type, quality, tokens, ended, " +
    "end_reason?, truncated?}` (`truncated: true` when the model stopped at its token limit " +
    "and the turn is cut off: remembered ending in `…`, kept as said in the transcript; absent " +
    "otherwise); a turn on an ended conversation is -32602 ([how a turn " +
    "works](../core/dialogue/README.md))",
  errors: ["not_found", "invalid_input", "persona_not_found", "llm_unavailable", "busy"],
  async handle(params, ctx) {
    return await ctx.dialogues.turn(params.conversation_id, ctx.signal);
  },
});
