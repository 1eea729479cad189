/**
 * A method's run as Server-Sent Events: its notifications as `chunk` events, then its `result`
 * (or an `error` event). Chat and room messages stream this way.
 *
 * @module
 */
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { z } from "zod";
import type { Handler } from "../define_handler.ts";
import type { Logger } from "../../log.ts";
import { toWireError } from "../rpc/wire_errors.ts";
import type { RestEnv, RestTools } from "./tools.ts";

/** Whether a request asks for a stream: `stream` in the body wins, else an SSE `Accept`. */
export function wantsStream(c: Context, body: Record<string, unknown>): boolean {
  return body.stream === true ||
    (body.stream === undefined && (c.req.header("accept") ?? "").includes("text/event-stream"));
}

/** What to stream: the handler, its params (already validated), and where to log. */
export interface StreamedCall<P extends z.ZodType, R> {
  tools: RestTools;
  handler: Handler<P, R>;
  params: unknown;
  log: Logger;
  /** Names the route in logs of an internal error. */
  route: string;
}

/** Streams `call.handler`'s notifications and result as SSE; a client going away cancels it. */
export function streamCall<P extends z.ZodType, R>(
  c: Context<RestEnv>,
  call: StreamedCall<P, R>,
): Response {
  const session = c.get("session");
  return streamSSE(c, async (stream) => {
    const controller = new AbortController();
    stream.onAbort(() => controller.abort(new Error("the HTTP client went away")));
    let written = Promise.resolve();
    const send = (event: string, data: unknown) => {
      written = written.then(() => stream.writeSSE({ event, data: JSON.stringify(data) }));
      return written;
    };
    try {
      const result = await call.tools.call(call.handler, call.params, {
        session,
        signal: controller.signal,
        notify: (notification) => void send("chunk", notification.params),
      });
      await send("result", result);
    } catch (thrown) {
      const mapped = toWireError(thrown);
      if (mapped.internal) call.log.error("Internal error", { route: call.route, error: thrown });
      await send("error", { error: mapped.error });
    }
  });
}
