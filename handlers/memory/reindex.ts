import { z } from "zod";
import { idParam } from "../_ids.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/**
 * Re-embeds a persona's memories made by another embedder, and the local vectors queued after an
 * analyser change (the server also remakes those in the background), notifying progress per batch.
 */
export default defineHandler({
  method: "memory.reindex",
  description: "Re-embed a persona's memories after the embedder changed, and remake at once " +
    "the vectors queued after an analyser change (memory.get_stats needs_reindex; the server " +
    "also remakes those in the background when MEMORY_REMAKE_ENABLED) (progress notified)",
  params: z.strictObject({ persona_id: idParam().optional() }),
  result: "`{persona_id, embedder, total, reindexed, already_current}`; notifies " +
    "`memory.reindex_progress {persona_id, done, total}` after each batch (and MCP " +
    "`notifications/progress` when `_meta.progressToken` is given)",
  errors: [
    "persona_not_found",
    "no_active_persona",
    "memory_unavailable",
    "embedder_invalid",
    "llm_unavailable",
    "busy",
  ],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    const result = await ctx.memory.reindex(persona, {
      signal: ctx.signal,
      onProgress: ({ done, total }) => {
        ctx.notify("memory.reindex_progress", { persona_id: persona.id, done, total });
        ctx.progress({ progress: done, total });
      },
    });
    return { persona_id: persona.id, embedder: ctx.memory.embedderId, ...result };
  },
});
