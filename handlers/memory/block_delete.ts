import { z } from "zod";
import { idParam } from "../_ids.ts";
import { blockLabel } from "../../core/mind/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** Deletes a core memory block (not a read-only one). */
export default defineHandler({
  method: "memory.block_delete",
  description: "Delete a core memory block",
  params: z.strictObject({ persona_id: idParam().optional(), label: blockLabel }),
  result: "`{persona_id, label, deleted: true}`; a read-only block is -32602 (HTTP 409)",
  errors: ["persona_not_found", "no_active_persona", "conflict", "not_found"],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    await ctx.blocks.delete(persona, params.label);
    return { persona_id: persona.id, label: params.label, deleted: true };
  },
});
