import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { idParam } from "../_ids.ts";

/** Ends a persona-to-persona conversation; cooldowns apply. */
export default defineHandler({
  method: "conversation.end",
  description: "End a persona-to-persona conversation (cooldowns apply); returns its final stats",
  params: z.strictObject({
    conversation_id: idParam(),
    reason: z.string().trim().min(1).max(100).default("user_request"),
  }),
  result: "`{conversation_id, ended: true, reason, final_stats: {duration_s, turns, tokens_used, " +
    "final_score}}`; cooldowns start ([rules](../core/dialogue/README.md))",
  errors: ["not_found", "invalid_input"],
  async handle(params, ctx) {
    const view = await ctx.dialogues.end(params.conversation_id, params.reason);
    return {
      conversation_id: view.conversation_id,
      ended: true,
      reason: view.end_reason,
      final_stats: {
        duration_s: view.duration_s,
        turns: view.turn_count,
        tokens_used: view.tokens_used,
        final_score: view.continue_score,
      },
    };
  },
});
