import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { CACHE_HINTS, cacheHint, listPrompts, refuseCursor } from "../../core/server/mcp/mod.ts";

/** MCP: one prompt per persona (its system prompt). */
export default defineHandler({
  method: "prompts/list",
  description: "MCP: list the prompts (one per persona: speak as it)",
  params: z.looseObject({ cursor: z.string().optional() }),
  result: "`{prompts: [{name, description, arguments}]}`: one per persona, named after it in " +
    "lower case; a `cursor` is -32602 (one page). In the 2026-07-28 era also `ttlMs` and " +
    "`cacheScope`",
  async handle(params, ctx) {
    refuseCursor(params.cursor);
    return { prompts: await listPrompts(ctx), ...cacheHint(ctx, CACHE_HINTS.prompts) };
  },
});
