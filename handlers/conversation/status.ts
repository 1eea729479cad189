import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { idParam } from "../_ids.ts";

/** The state of a persona-to-persona conversation. */
export default defineHandler({
  method: "conversation.status",
  description: "State of a persona-to-persona conversation: turns, last score, tokens, end reason",
  params: z.strictObject({ conversation_id: idParam() }),
  result: "`{conversation_id, participants, topic, status, ended, end_reason, turn_count, " +
    "duration_s, continue_score, last_speaker_id, token_budget, tokens_used, " +
    "tokens_remaining, started_at, ended_at}`",
  errors: ["not_found"],
  async handle(params, ctx) {
    return await ctx.dialogues.status(params.conversation_id);
  },
});
