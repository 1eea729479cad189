import { z } from "zod";
import { idParam } from "../_ids.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

const id = idParam();

/** Starts a conversation between 2-8 available personas. */
export default defineHandler({
  method: "conversation.start",
  description:
    "Start a conversation between 2-8 available personas (participants, or persona1_id and persona2_id)",
  params: z.strictObject({
    participants: z.array(id).min(2).max(8).optional(),
    persona1_id: id.optional(),
    persona2_id: id.optional(),
    topic: z.string().trim().min(1).max(100).optional(),
    token_budget: z.number().int().min(50).max(100_000).optional(),
  }).refine((p) => p.participants !== undefined || (p.persona1_id && p.persona2_id), {
    message: "give participants, or persona1_id and persona2_id",
    path: ["participants"],
  }),
  result: "The conversation (as `conversation.status`) plus `started: true`",
  errors: ["persona_not_found", "persona_unavailable", "invalid_input"],
  async handle(params, ctx) {
    const named = params.participants ?? [params.persona1_id ?? "", params.persona2_id ?? ""];
    const participantIds: string[] = [];
    for (const idOrName of named) participantIds.push((await ctx.personas.resolve(idOrName)).id);
    const view = await ctx.dialogues.start({
      participantIds,
      topic: params.topic ?? null,
      tokenBudget: params.token_budget,
    });
    return { ...view, started: true };
  },
});
