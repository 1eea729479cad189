import { SearchParams } from "../../core/memory/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** A persona's memories best matching a query (relevance, importance and recency). */
export default defineHandler({
  method: "memory.search",
  description: "Search a persona's memories, ranked by relevance, importance and recency",
  params: SearchParams,
  result:
    "`{persona_id, query, memories: [Memory + score, relevance], result_count}`, best first " +
    "([ranking](../core/memory/README.md#ranking)): the matches, then, up to `n_results`, the " +
    "nearest other memories; each match counts as an access; with " +
    "`explain: true` each hit also has `score_parts: {lexical, alignment?, vector, similarity, " +
    "relevance, importance, recency, nudge, adjustment, filler?}` (score = relevance × nudge × " +
    "adjustment; `filler: true` marks a hit past the matches)",
  errors: [
    "persona_not_found",
    "no_active_persona",
    "memory_unavailable",
    "embedder_invalid",
    "busy",
  ],
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    const memories = await ctx.memory.search(persona, params, ctx.signal);
    return { persona_id: persona.id, query: params.query, memories, result_count: memories.length };
  },
});
