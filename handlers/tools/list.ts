import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { CACHE_HINTS, cacheHint, listTools, mcpPage } from "../../core/server/mcp/mod.ts";

/** MCP: the tools an agent can call, with JSON Schemas generated from the methods' own. */
export default defineHandler({
  method: "tools/list",
  description: "MCP: list the tools (persona_list, memory_store, ...) with their input schemas",
  params: z.looseObject({ cursor: z.string().optional() }),
  result: "`{tools: [{name, title, description, inputSchema, annotations}]}` ([the " +
    "tools](#mcp-tools)), 100 a page: `nextCursor` when more follow. In the 2026-07-28 era " +
    "without the session-bound tools, with `ttlMs` and `cacheScope`",
  handle(params, ctx) {
    const page = mcpPage(
      listTools(ctx),
      { list: "tools/list", cursor: params.cursor },
      (tool) => tool.name,
    );
    return {
      tools: page.items,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      ...cacheHint(ctx, CACHE_HINTS.tools),
    };
  },
});
