import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { listResources, mcpPage } from "../../core/server/mcp/mod.ts";

/** MCP: every persona's profile and recent memories as resources. */
export default defineHandler({
  method: "resources/list",
  description: "MCP: list the resources (persona://{id} and persona://{id}/memories)",
  params: z.looseObject({ cursor: z.string().optional() }),
  result: "`{resources: [{uri, name, description, mimeType, annotations}]}`: every persona as " +
    "`persona://{id}` and `persona://{id}/memories`, 100 a page: `nextCursor` when more follow",
  handle(params, ctx) {
    const page = mcpPage(listResources(ctx), params.cursor, (resource) => resource.uri);
    return { resources: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },
});
