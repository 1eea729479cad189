import { z } from "zod";
import { idParam } from "../_ids.ts";
import { blockLabel, blockView, MAX_CHAR_LIMIT } from "../../core/mind/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** Adds a line to a core memory block. */
export default defineHandler({
  method: "memory.block_append",
  description: "Append a line to a core memory block",
  params: z.strictObject({
    persona_id: idParam().optional(),
    label: blockLabel,
    content: z.string().trim().min(1).max(MAX_CHAR_LIMIT),
  }),
  result: "`{persona_id, block: Block}`; the line goes after a newline; a block that would " +
    "pass its `limit` is -32602 and stays as it was; a read-only block is -32602 (HTTP 409); " +
    "an unknown label is -32602 (HTTP 404)",
  errors: ["persona_not_found", "no_active_persona", "invalid_input", "conflict", "not_found"],
  async handle({ persona_id, ...input }, ctx) {
    const persona = await resolvePersona(ctx, persona_id);
    const block = await ctx.blocks.append(persona, input);
    return { persona_id: persona.id, block: blockView(block) };
  },
});
