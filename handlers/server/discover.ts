import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import {
  CACHE_HINTS,
  isModernMeta,
  MODERN_CAPABILITIES,
  MODERN_INSTRUCTIONS,
  modernOnly,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "../../core/server/mcp/mod.ts";

/** MCP 2026-07-28: the revisions, capabilities and guidance of this server, before anything else. */
export default defineHandler({
  method: "server/discover",
  description:
    "MCP 2026-07-28: the protocol revisions this server speaks (modern and legacy), its " +
    "capabilities and instructions; needs the modern _meta",
  params: z.looseObject({}),
  result: "`{supportedVersions, capabilities, instructions, ttlMs, cacheScope}` and, like every " +
    'result of that era, `resultType` and `_meta["io.modelcontextprotocol/serverInfo"]` ' +
    "([MCP](../core/server/mcp/README.md))",
  errors: ["invalid_input"],
  handle(_params, ctx) {
    if (!isModernMeta(ctx.meta)) throw modernOnly("server/discover");
    return {
      supportedVersions: SUPPORTED_PROTOCOL_VERSIONS,
      capabilities: MODERN_CAPABILITIES,
      instructions: MODERN_INSTRUCTIONS,
      ...CACHE_HINTS.discover,
    };
  },
});
