import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { CACHE_HINTS, cacheHint, listPrompts, mcpPage } from "../../core/server/mcp/mod.ts";
import { PROMPT_ORDER } from "../../core/server/mcp/prompts.ts";

/** MCP: one prompt per persona (its system prompt). */
export default defineHandler({
  method: "prompts/list",
  description: "MCP: list the prompts (one per persona: speak as it)",
  params: z.looseObject({ cursor: z.string().optional() }),
  result: "`{prompts: [{name, description, arguments}]}`: one per persona, named after it in " +
    "lower case, 100 a page: `nextCursor` when more follow; a `description` shows the " +
    "persona's description's first 200 characters at most, with \"…\" when cut (prompts/get " +
    "has it whole). In the 2026-07-28 era also " +
    "`ttlMs` and `cacheScope`",
  async handle(params, ctx) {
    const page = mcpPage(
      await listPrompts(ctx),
      { list: "prompts/list", cursor: params.cursor },
      PROMPT_ORDER,
    );
    return {
      prompts: page.items,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      ...cacheHint(ctx, CACHE_HINTS.prompts),
    };
  },
});
