import { z } from "zod";
import { NotFound } from "../../core/errors.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { savedSessionKey } from "../../core/sessions/mod.ts";

/** Restores a saved state into this session. */
export default defineHandler({
  method: "state.load",
  description: "Restore a state saved with state.save into this session",
  params: z.strictObject({ key: savedSessionKey }),
  result: "`{state_loaded: true, key, active_persona_id, active_persona_name, visual_context, " +
    "saved_at}`; restores them into this session (also after a restart)",
  errors: ["not_found"],
  async handle(params, ctx) {
    const saved = await ctx.savedSessions.load(params.key);
    if (!saved) {
      throw new NotFound(`No saved state under key "${params.key}"; save one with state.save`, {
        fields: [{ field: "key", message: "no state is saved under this key" }],
      });
    }
    const persona = saved.active_persona_id === null
      ? undefined
      : await ctx.personas.find(saved.active_persona_id);
    ctx.session.activePersonaId = persona?.id ?? null;
    ctx.session.visualContext = saved.visual_context;
    return {
      state_loaded: true,
      key: saved.key,
      active_persona_id: persona?.id ?? null,
      active_persona_name: persona?.name ?? null,
      visual_context: saved.visual_context,
      saved_at: saved.saved_at,
    };
  },
});
