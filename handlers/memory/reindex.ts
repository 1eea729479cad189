import { z } from "zod";
import { progressToken } from "../../core/server/mcp/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** Re-embeds a persona's memories made by another embedder, notifying progress per batch. */
export default defineHandler({
  method: "memory.reindex",
  description: "Re-embed a persona's memories after the embedder changed (progress notified)",
  params: z.strictObject({ persona_id: z.string().min(1).optional() }),
  async handle(params, ctx) {
    const persona = resolvePersona(ctx.personas, ctx.session, params.persona_id);
    const token = progressToken(ctx.meta);
    const result = await ctx.memory.reindex(persona, {
      signal: ctx.signal,
      onProgress: ({ done, total }) => {
        ctx.notify("memory.reindex_progress", { persona_id: persona.id, done, total });
        if (token !== null) {
          ctx.notify("notifications/progress", { progressToken: token, progress: done, total });
        }
      },
    });
    return { persona_id: persona.id, embedder: ctx.memory.embedderId, ...result };
  },
});
