/**
 * Test support for the connection loop's tests: a handler context of its own (the loop never
 * needs the server's services) and a method that ends only when it is cancelled.
 *
 * @module
 */
import { z } from "zod";
import type { Handler, RequestScope } from "../rpc/handler.ts";

/** The context test handlers run with: the request scope alone. */
export type LoopContext = RequestScope<LoopContext>;

/** `test.wait`: never answers; rejects with its signal's reason once cancelled. */
export const waitForCancel: Handler<LoopContext, z.ZodObject<Record<string, never>>, never> = {
  method: "test.wait",
  description: "Ends only when cancelled",
  params: z.strictObject({}),
  handle: (_params, ctx) =>
    new Promise<never>((_resolve, reject) =>
      ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason))
    ),
};
