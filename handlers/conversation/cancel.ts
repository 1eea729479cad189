import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";

/** Cancels a request of this session that is still running (e.g. a streaming chat). */
export default defineHandler({
  method: "conversation.cancel",
  description: "Cancel a running request of this session by its JSON-RPC id",
  params: z.strictObject({ request_id: z.union([z.string(), z.number(), z.null()]) }),
  result: "`{request_id, cancelled}`: `cancelled` is false when no such request is running or " +
    "waiting unstarted in a batch; the cancelled request itself is answered with -32800",
  handle(params, ctx) {
    const cancelled = ctx.session.cancel(params.request_id, "cancelled by the client");
    return { request_id: params.request_id, cancelled };
  },
});
