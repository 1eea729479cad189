import { CrossPersonaParams } from "../../core/memory/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** The persona's own memories plus other personas' shared/public ones (never their private). */
export default defineHandler({
  method: "memory.search_cross_persona",
  description: "Search own memories plus other personas' shared and public ones",
  params: CrossPersonaParams,
  result: "`{requesting_persona: {id, name}, query, memories: [Memory + score, relevance, source " +
    '("own" or "cross_persona"), source_persona_id, source_persona_name], ' +
    "total_results, search_params}`, best first: the matches, then, up to `n_results`, the " +
    "nearest other memories; other personas' private memories never appear",
  errors: [
    "persona_not_found",
    "no_active_persona",
    "memory_unavailable",
    "embedder_invalid",
    "busy",
  ],
  async handle({ persona_id, ...params }, ctx) {
    const persona = await resolvePersona(ctx, persona_id);
    const memories = await ctx.memory.searchCrossPersona(persona, params, ctx.signal);
    return {
      requesting_persona: { id: persona.id, name: persona.name },
      query: params.query,
      memories,
      total_results: memories.length,
      search_params: {
        n_results: params.n_results,
        min_importance: params.min_importance,
        include_shared: params.include_shared,
        include_public: params.include_public,
      },
    };
  },
});
