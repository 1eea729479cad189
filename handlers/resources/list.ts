import { z } from "zod";
import { defineHandler } from "../../core/rpc/define_handler.ts";
import { listResources, refuseCursor } from "../../core/mcp/mod.ts";

/** MCP: every persona profile as a resource. */
export default defineHandler({
  method: "resources/list",
  description: "MCP: list the resources (each persona as persona://{id})",
  params: z.looseObject({ cursor: z.string().optional() }),
  handle(params, ctx) {
    refuseCursor(params.cursor);
    return { resources: listResources(ctx) };
  },
});
