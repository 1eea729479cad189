import { z } from "zod";
import { idParam } from "../_ids.ts";
import { blockLabel, blockView, changeView } from "../../core/mind/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** One core memory block with its latest changes and who made them. */
export default defineHandler({
  method: "memory.block_get",
  description: "Get one core memory block and its latest changes",
  params: z.strictObject({
    persona_id: idParam().optional(),
    label: blockLabel,
    changes: z.number().int().min(0).max(50).default(10),
  }),
  result: "`{persona_id, block: Block, changes: [{action, content, source, at}]}`, newest " +
    'change first; `source` is `{kind: "client"}` or `{kind: "extraction", job_id, ' +
    "memory_ids}`",
  errors: ["persona_not_found", "no_active_persona", "not_found"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    const block = await ctx.blocks.get(persona, params.label);
    const changes = await ctx.blocks.changes(persona, params.label, params.changes);
    return { persona_id: persona.id, block: blockView(block), changes: changes.map(changeView) };
  },
});
