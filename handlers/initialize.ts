import { z } from "zod";
import { defineHandler } from "../core/server/define_handler.ts";
import { echoed } from "../core/text_cut.ts";
import {
  mcpClient,
  negotiateVersion,
  SERVER_CAPABILITIES,
  SERVER_INSTRUCTIONS,
  serverInfo,
} from "../core/server/mcp/mod.ts";

/** MCP handshake: negotiates the protocol revision and declares what this server implements. */
export default defineHandler({
  method: "initialize",
  description: "MCP handshake: agree on a protocol revision, learn the server's capabilities",
  // MCP messages are open-ended (new revisions add fields), so unknown fields are ignored here.
  params: z.looseObject({
    protocolVersion: z.string().min(1),
    capabilities: z.looseObject({}).default({}),
    clientInfo: z.looseObject({ name: z.string(), version: z.string() }).optional(),
  }),
  result: "`{protocolVersion, capabilities, serverInfo, instructions}`: echoes the client's " +
    "`protocolVersion` when supported, else `2025-11-25`",
  handle(params, ctx) {
    const client = mcpClient(ctx.session);
    client.protocolVersion = negotiateVersion(params.protocolVersion);
    // The client's own words, as long as its request: cut as every echo of them is.
    const { name = "unnamed", version = "" } = params.clientInfo ?? {};
    ctx.log.info("MCP client initialized", {
      session: ctx.session.id,
      transport: ctx.session.kind,
      client: `${echoed(name)} ${echoed(version)}`.trim(),
      asked: echoed(params.protocolVersion),
      protocol: client.protocolVersion,
    });
    return {
      protocolVersion: client.protocolVersion,
      capabilities: SERVER_CAPABILITIES,
      serverInfo: serverInfo(ctx.version),
      instructions: SERVER_INSTRUCTIONS,
    };
  },
});
