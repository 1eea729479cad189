import { idParam } from "../_ids.ts";
import { BlockSetInput, blockView } from "../../core/mind/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** Creates a core memory block or changes it (content, limit, read-only flag, description). */
export default defineHandler({
  method: "memory.block_set",
  description: "Create or change a core memory block (always in the persona's prompt)",
  params: BlockSetInput.extend({ persona_id: idParam().optional() }),
  result: "`{persona_id, block: Block, created}`; content over the block's `limit` is -32602; " +
    "a read-only block accepts only `{label, read_only: false}` (the unlock), anything else " +
    "is -32602 (HTTP 409)",
  errors: ["persona_not_found", "no_active_persona", "invalid_input", "conflict"],
  async handle({ persona_id, ...input }, ctx) {
    const persona = await resolvePersona(ctx, persona_id);
    const { block, created } = await ctx.blocks.set(persona, input);
    return { persona_id: persona.id, block: blockView(block), created };
  },
});
