import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { readResource } from "../../core/server/mcp/mod.ts";

/** MCP: reads one resource by URI; an unknown URI is -32602. */
export default defineHandler({
  method: "resources/read",
  description: "MCP: read a resource by URI (persona://{id} gives the profile as JSON)",
  params: z.looseObject({ uri: z.string().min(1).max(2048) }),
  result: '`{contents: [{uri, mimeType: "application/json", text}]}`: the profile, or the 20 ' +
    "most recent memories; an unknown URI is -32602 with `data.uri`",
  errors: ["invalid_input", "memory_unavailable"],
  handle(params, ctx) {
    return readResource(ctx, params.uri);
  },
});
