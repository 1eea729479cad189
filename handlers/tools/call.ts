import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { callTool, toolMethod } from "../../core/server/mcp/mod.ts";

/** MCP: runs a tool in the caller's session; failures the agent can fix come back as isError. */
export default defineHandler({
  method: "tools/call",
  description: "MCP: call a tool by name; streams progress when `_meta.progressToken` is sent",
  params: z.looseObject({
    name: z.string().min(1),
    arguments: z.record(z.string(), z.unknown()).default({}),
  }),
  result: '`{content: [{type: "text", text}], structuredContent, isError?}`: the method\'s ' +
    "result as JSON; failures an agent can act on are `isError: true` results, an unknown " +
    "tool is -32602 ([tools](../core/server/mcp/README.md#tools))",
  errors: ["invalid_input"],
  // The tool's method validates them: a NUL there becomes an isError result, not -32602.
  nestedParams: "arguments",
  // A too-large result gets the tool's method's -32005 hint (persona.export's).
  runs: (params) => toolMethod((params as { name?: unknown } | undefined)?.name),
  handle(params, ctx) {
    return callTool(ctx, params);
  },
});
