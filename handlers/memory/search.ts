import { idParam } from "../_ids.ts";
import { SearchParams } from "../../core/memory/mod.ts";
import { pageBudget } from "../../core/paging.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** A persona's memories best matching a query (relevance, importance and recency). */
export default defineHandler({
  method: "memory.search",
  description: "Search a persona's memories, ranked by relevance, importance and recency",
  params: SearchParams.extend({ persona_id: idParam().optional() }),
  result:
    "`{persona_id, query, memories: [Memory + score, relevance], result_count, truncated}`, " +
    "best first " +
    "([ranking](../core/memory/README.md#ranking)): the matches, then, up to `n_results`, the " +
    "nearest other memories; each match sent counts as an access; with " +
    "`explain: true` each hit also has `score_parts: {lexical, alignment?, vector, similarity, " +
    "relevance, importance, recency, nudge, adjustment, filler?}` (score = relevance × nudge × " +
    "adjustment; `filler: true` marks a hit past the matches); `truncated: true` when hits were " +
    "left out because more would take the reply past MAX_REPLY_BYTES (never none)",
  errors: [
    "persona_not_found",
    "no_active_persona",
    "memory_unavailable",
    "embedder_invalid",
    "busy",
  ],
  tooLarge: "ask for fewer hits (a smaller n_results), or send the search alone, not in a batch",
  async handle(params, ctx) {
    const persona = await resolvePersona(ctx, params.persona_id);
    let truncated = false;
    const memories = await ctx.memory.search(persona, params, {
      signal: ctx.signal,
      budget: { bytes: pageBudget(ctx), onCut: () => truncated = true },
    });
    return {
      persona_id: persona.id,
      query: params.query,
      memories,
      result_count: memories.length,
      truncated,
    };
  },
});
