import { z } from "zod";
import { defineHandler } from "../../core/rpc/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** One persona: by id, or the session's active persona. */
export default defineHandler({
  method: "persona.get",
  description: "Get one persona by id, or the session's active persona when no id is given",
  params: z.strictObject({ persona_id: z.string().min(1).optional() }),
  handle(params, ctx) {
    const persona = resolvePersona(ctx.personas, ctx.session, params.persona_id);
    return { persona };
  },
});
