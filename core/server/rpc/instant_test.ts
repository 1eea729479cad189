import assert from "node:assert/strict";
import { z } from "zod";
import { Session } from "../../sessions/mod.ts";
import { testLogger } from "../../../tests/_helpers.ts";
import { Dispatcher } from "./dispatcher.ts";
import type { Handler, RequestScope } from "./handler.ts";
import { HandlerRegistry } from "./registry.ts";

type Scope = RequestScope<unknown>;

/**
 * A dispatcher serving two `instant` methods: `i.now` answers at once with whether its session
 * counted it as running meanwhile; `i.wait` waits for `release`, then throws its signal's reason
 * if it was aborted (else answers).
 */
function instantServer() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const instant = (method: string, handle: (params: unknown, ctx: Scope) => unknown) =>
    ({
      method,
      description: method,
      params: z.strictObject({}),
      instant: true,
      handle,
    }) as unknown as Handler<Scope>;
  const lifetime = new AbortController();
  const dispatcher = new Dispatcher<Scope>({
    registry: new HandlerRegistry<Scope>([
      instant("i.now", (_params, ctx) => ({ busy: ctx.session.busy })),
      instant("i.wait", async (_params, ctx) => {
        await gate;
        if (ctx.signal.aborted) throw ctx.signal.reason;
        return { ok: true };
      }),
    ]),
    context: (scope) => scope,
    log: testLogger(),
    lifetime: lifetime.signal,
  });
  return { dispatcher, release, lifetime, session: new Session("websocket") };
}

const request = (method: string, id: number) => ({ jsonrpc: "2.0", method, id });

Deno.test("an instant handler's answer made at once is never tracked in its session", async () => {
  const { dispatcher, session } = instantServer();
  const reply = JSON.parse((await dispatcher.answer(request("i.now", 1), session))!);
  assert.deepEqual(reply.result, { busy: false });
  assert.equal(session.requestCount, 1);
  assert.equal(session.busy, false);
});

Deno.test("an instant handler that waits is tracked then: a cancel by id reaches its signal", async () => {
  const { dispatcher, session, release } = instantServer();
  const waiting = dispatcher.handleValue(request("i.wait", 7), session);
  assert.deepEqual(session.inflightIds(), [7]);
  assert.equal(session.cancel(7), true);
  release();
  const reply = (await waiting) as { error: { code: number; message: string } };
  assert.equal(reply.error.code, -32800);
  assert.match(reply.error.message, /cancelled by the client/);
  assert.deepEqual(session.inflightIds(), []);
});

Deno.test("an instant handler that waits is cancelled by its session's close and the server's stop", async () => {
  for (const stop of ["close", "lifetime"] as const) {
    const { dispatcher, session, release, lifetime } = instantServer();
    const waiting = dispatcher.handleValue(request("i.wait", 1), session);
    if (stop === "close") session.close();
    else lifetime.abort(new Error("server stopping"));
    release();
    const reply = (await waiting) as { error: { code: number } };
    assert.equal(reply.error.code, -32800, stop);
    assert.equal(session.busy, false, stop);
  }
});

Deno.test("an instant handler called in a closed session or a stopped server starts cancelled", async () => {
  for (const stop of ["close", "lifetime"] as const) {
    const { dispatcher, session, release, lifetime } = instantServer();
    if (stop === "close") session.close();
    else lifetime.abort(new Error("server stopping"));
    release();
    const reply = (await dispatcher.handleValue(request("i.wait", 1), session)) as {
      error: { code: number };
    };
    assert.equal(reply.error.code, -32800, stop);
  }
});
