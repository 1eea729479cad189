import { z } from "zod";
import { defineHandler } from "../core/server/define_handler.ts";
import { keepJson } from "../core/server/rpc/kept_json.ts";

/**
 * The one answer, frozen and serialized once: every reply is spliced around its kept text
 * instead of measuring and stringifying a new `{}` per request (most of a `ping`'s reply work).
 */
const PONG = keepJson({});

/** Liveness check; answers an empty object. */
export default defineHandler({
  method: "ping",
  description: "Liveness check; returns an empty object",
  // MCP request params are open (`_meta` and any other field): none is read.
  params: z.looseObject({}),
  result: "`{}`",
  // A kept answer, made at once: counted at 0 s by the request metrics, no clock read.
  instant: true,
  handle() {
    return PONG;
  },
});
