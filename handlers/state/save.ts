import { z } from "zod";
import { isoTime } from "../../core/clock.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { savedSessionKey } from "../../core/sessions/mod.ts";

/** Persists the session's state under a client-chosen key. */
export default defineHandler({
  method: "state.save",
  description: "Save this session's state (active persona, visual context) under a key; keys " +
    "are shared by every client, so use a random one (whoever knows it may load, overwrite or " +
    "delete it); past MAX_SAVED_STATES the least recently saved is deleted",
  params: z.strictObject({ key: savedSessionKey }),
  result: "`{state_saved: true, state: {key, active_persona_id, visual_context, saved_at}}`",
  async handle(params, ctx) {
    const saved = {
      key: params.key,
      active_persona_id: ctx.session.activePersonaId,
      visual_context: ctx.session.visualContext,
      saved_at: isoTime(ctx.clock.now()),
    };
    return { state_saved: true, state: await ctx.savedSessions.save(saved) };
  },
});
