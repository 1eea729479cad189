/**
 * An instant handler (`Handler.instant`) whose caller gives a signal (`POST /api/rpc`: the client
 * may go away) is invoked as any other, so that the signal reaches it (review37).
 *
 * @module
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { Session } from "../../sessions/mod.ts";
import { testLogger } from "../../../tests/_helpers.ts";
import { Dispatcher } from "./dispatcher.ts";
import type { Handler, RequestScope } from "./handler.ts";
import { HandlerRegistry } from "./registry.ts";

type Scope = RequestScope<unknown>;

function dispatcherOf(handlers: Handler<Scope>[]): Dispatcher<Scope> {
  return new Dispatcher<Scope>({
    registry: new HandlerRegistry<Scope>(handlers),
    context: (scope) => scope,
    log: testLogger(),
    lifetime: new AbortController().signal,
  });
}

Deno.test("an instant handler that waits is cancelled by its caller's signal", async () => {
  const { promise: gate, resolve: release } = Promise.withResolvers<void>();
  const waits = {
    method: "i.wait",
    description: "waits for the gate, then fails with its signal's reason if aborted",
    params: z.strictObject({}),
    instant: true,
    handle: async (_params: unknown, ctx: Scope) => {
      await gate;
      if (ctx.signal.aborted) throw ctx.signal.reason;
      return { ok: true };
    },
  } as unknown as Handler<Scope>;
  const dispatcher = dispatcherOf([waits]);
  const session = new Session("http");
  const caller = new AbortController();
  const request = { jsonrpc: "2.0", method: "i.wait", id: 3 };
  const waiting = dispatcher.handleValue(request, session, undefined, caller.signal);
  caller.abort(new Error("client gone"));
  release();
  const reply = (await waiting) as { error: { code: number } };
  assert.equal(reply.error.code, -32800);
  assert.equal(session.busy, false);
});

Deno.test("an instant handler that answers at once never runs in a closed session", async () => {
  let runs = 0;
  const now = {
    method: "i.now",
    description: "answers at once",
    params: z.strictObject({}),
    instant: true,
    handle: () => ({ runs: ++runs }),
  } as unknown as Handler<Scope>;
  const session = new Session("websocket");
  session.close();
  const reply = (await dispatcherOf([now]).handleValue(
    { jsonrpc: "2.0", method: "i.now", id: 1 },
    session,
  )) as { error: { code: number } };
  assert.equal(reply.error.code, -32800);
  assert.equal(runs, 0);
});
