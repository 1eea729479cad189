import { z } from "zod";
import { cancelAnywhere, defineHandler } from "../../core/server/define_handler.ts";
import { isRawId } from "../../core/server/rpc/json_depth.ts";

/**
 * MCP: the client gave up on one of its requests; it is aborted and gets no answer, except over
 * MCP HTTP, where a POSTed request must be answered (-32800; `mcp_http_reply.ts`).
 */
export default defineHandler({
  method: "notifications/cancelled",
  description: "MCP notification: abort the in-flight request `requestId` of this session",
  params: z.looseObject({
    // An integer beyond 2^53 is kept digit for digit, as the request's own id is.
    requestId: z.union([
      z.string(),
      z.number(),
      z.custom<number>(isRawId).meta({ type: "integer", description: "beyond 2^53" }),
    ]),
    reason: z.string().max(1000).optional(),
  }),
  result:
    "No answer (a notification). The request `requestId` of this session is aborted (an LLM " +
    "call stops too), on whichever node serves it, and gets no answer over the WebSocket and " +
    "stdio; over MCP HTTP, where every POSTed request is answered, it gets 200 with the -32800 " +
    "error",
  async handle(params, ctx) {
    // Unknown or finished ids are ignored, as MCP requires (the request may have just ended).
    const reason = params.reason ?? "cancelled by the client";
    return { cancelled: await cancelAnywhere(ctx, params.requestId, reason) };
  },
});
