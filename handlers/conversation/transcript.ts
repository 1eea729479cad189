import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { idParam } from "../_ids.ts";

/** A persona-to-persona conversation with every turn so far (its transcript). */
export default defineHandler({
  method: "conversation.transcript",
  description:
    "A persona-to-persona conversation's state and every turn so far, in order: speaker, " +
    "content, continue score and reasons",
  params: z.strictObject({ conversation_id: idParam() }),
  result: "`conversation.status`'s fields and `turns: [{turn_number, speaker_id, speaker_name, " +
    "content, continue_score, reasons, factors, response_type, quality, tokens, created_at}]`",
  errors: ["not_found"],
  handle(params, ctx) {
    return ctx.dialogues.transcript(params.conversation_id);
  },
});
