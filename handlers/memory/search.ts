import { SearchParams } from "../../core/memory/mod.ts";
import { defineHandler } from "../../core/server/define_handler.ts";
import { resolvePersona } from "../../core/sessions/mod.ts";

/** A persona's memories best matching a query (relevance, importance and recency). */
export default defineHandler({
  method: "memory.search",
  description: "Search a persona's memories, ranked by relevance, importance and recency",
  params: SearchParams,
  async handle(params, ctx) {
    const persona = resolvePersona(ctx.personas, ctx.session, params.persona_id);
    const memories = await ctx.memory.search(persona, params, ctx.signal);
    return { persona_id: persona.id, query: params.query, memories, result_count: memories.length };
  },
});
