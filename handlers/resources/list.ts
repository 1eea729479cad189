import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import {
  CACHE_HINTS,
  cacheHint,
  listResources,
  mcpPage,
  RESOURCE_ORDER,
} from "../../core/server/mcp/mod.ts";

/** MCP: every persona's profile and recent memories as resources. */
export default defineHandler({
  method: "resources/list",
  description:
    "MCP: list the resources (each persona's card, memories and chat transcript, recent " +
    "persona-to-persona conversations)",
  params: z.looseObject({ cursor: z.string().optional() }),
  result: "`{resources: [{uri, name, description, mimeType, annotations}]}`: every persona as " +
    "`persona://{id}`, `persona://{id}/memories` and `persona://{id}/transcript`, the 20 latest " +
    "persona-to-persona conversations as `conversation://{id}`, 100 a page: `nextCursor` when " +
    "more follow; a card's `description` is the persona's description's first 200 characters " +
    'at most, with "…" when cut. In the 2026-07-28 era also `ttlMs` and `cacheScope`',
  async handle(params, ctx) {
    const page = mcpPage(
      await listResources(ctx),
      { list: "resources/list", cursor: params.cursor },
      RESOURCE_ORDER,
    );
    return {
      resources: page.items,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      ...cacheHint(ctx, CACHE_HINTS.resources),
    };
  },
});
