import { z } from "zod";
import { defineHandler } from "../../../core/server/define_handler.ts";
import {
  CACHE_HINTS,
  cacheHint,
  listResourceTemplates,
  mcpPage,
} from "../../../core/server/mcp/mod.ts";

/** MCP: the URI templates of the resources (`persona://{id}`). */
export default defineHandler({
  method: "resources/templates/list",
  description:
    "MCP: list the resource URI templates (persona cards, memories, transcripts, conversations)",
  params: z.looseObject({ cursor: z.string().optional() }),
  result:
    "`{resourceTemplates: [{uriTemplate, name, description, mimeType}]}`: `persona://{id}`, " +
    "`persona://{id}/memories`, `persona://{id}/transcript`, `conversation://{id}`",
  handle(params, ctx) {
    const page = mcpPage(
      listResourceTemplates(ctx),
      { list: "resources/templates/list", cursor: params.cursor },
      (template) => template.uriTemplate,
    );
    return {
      resourceTemplates: page.items,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      ...cacheHint(ctx, CACHE_HINTS.resourceTemplates),
    };
  },
});
