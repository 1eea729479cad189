import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { openRpcDocument } from "../../core/server/docs/openrpc.ts";

/** JSON-RPC service discovery: the OpenRPC document of every method this server serves. */
export default defineHandler({
  method: "rpc.discover",
  description: "The OpenRPC document of every method this server serves (also /api/openrpc.json)",
  params: z.strictObject({}),
  result: "An OpenRPC 1.3 document: `{openrpc, info, methods: [{name, summary, params, result, " +
    "errors, examples}]}`, generated from the handlers' schemas",
  handle(_params, ctx) {
    return openRpcDocument({ registry: ctx.registry, version: ctx.version });
  },
});
