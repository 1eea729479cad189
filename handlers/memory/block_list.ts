import { z } from "zod";
import { blockView } from "../../core/mind/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** A persona's core memory blocks, in the order the prompt shows them. */
export default defineHandler({
  method: "memory.block_list",
  description: "List a persona's core memory blocks, in prompt order",
  params: z.strictObject({ persona_id: z.string().min(1).optional() }),
  result: "`{persona_id, blocks: [Block], total}` in creation order, the order of the prompt; " +
    "a Block is `{label, content, chars, limit, read_only, description, created_at, updated_at}`",
  errors: ["persona_not_found", "no_active_persona"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    const blocks = await ctx.blocks.list(persona);
    return { persona_id: persona.id, blocks: blocks.map(blockView), total: blocks.length };
  },
});
