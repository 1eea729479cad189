import { idParam } from "../_ids.ts";
import { CrossPersonaParams } from "../../core/memory/mod.ts";
import { pageBudget } from "../../core/paging.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** The persona's own memories plus other personas' shared/public ones (never their private). */
export default defineHandler({
  method: "memory.search_cross_persona",
  description: "Search own memories plus other personas' shared and public ones",
  params: CrossPersonaParams.extend({ persona_id: idParam().optional() }),
  result: "`{requesting_persona: {id, name}, query, memories: [Memory + score, relevance, source " +
    '("own" or "cross_persona"), source_persona_id, source_persona_name], ' +
    "total_results, truncated, search_params}`, best first: the matches, then, up to " +
    "`n_results`, the nearest other memories; other personas' private memories never appear; " +
    "`truncated: true` when hits were left out because more would take the reply past " +
    "MAX_REPLY_BYTES (never none; only the hits sent count as accesses)",
  errors: [
    "persona_not_found",
    "no_active_persona",
    "memory_unavailable",
    "embedder_invalid",
    "busy",
  ],
  tooLarge: "ask for fewer hits (a smaller n_results), or send the search alone, not in a batch",
  async handle({ persona_id, ...params }, ctx) {
    const persona = await resolvePersona(ctx, persona_id);
    let truncated = false;
    const memories = await ctx.memory.searchCrossPersona(persona, params, {
      signal: ctx.signal,
      budget: { bytes: pageBudget(ctx), onCut: () => truncated = true },
    });
    return {
      requesting_persona: { id: persona.id, name: persona.name },
      query: params.query,
      memories,
      total_results: memories.length,
      truncated,
      search_params: {
        n_results: params.n_results,
        min_importance: params.min_importance,
        include_shared: params.include_shared,
        include_public: params.include_public,
      },
    };
  },
});
