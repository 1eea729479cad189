import assert from "node:assert/strict";
import { z } from "zod";
import { Session } from "../../sessions/mod.ts";
import { testLogger } from "../../../tests/_helpers.ts";
import { Dispatcher, UNKNOWN_METHOD } from "./dispatcher.ts";
import type { RpcObservation } from "./dispatcher_options.ts";
import type { Handler, RequestScope } from "./handler.ts";
import { HandlerRegistry } from "./registry.ts";

type Scope = RequestScope<unknown>;

function handler(method: string, handle: (params: { n?: number }) => unknown): Handler<Scope> {
  return {
    method,
    description: method,
    params: z.strictObject({ n: z.number().optional() }),
    handle,
  } as unknown as Handler<Scope>;
}

/** A dispatcher over `registry` and the observations it reports. */
function observed(registry: HandlerRegistry<Scope>) {
  const seen: RpcObservation[] = [];
  const dispatcher = new Dispatcher<Scope>({
    registry,
    context: (scope) => scope,
    log: testLogger(),
    observe: (observation) => seen.push(observation),
  });
  return { dispatcher, seen };
}

/**
 * The handler found once per request serves its report and its reply: each way a request ends
 * (at once or later, answered or failed, unknown method) is reported under the right label, and
 * its tracking ends (the session is no longer busy).
 */
Deno.test("every way a request ends is reported once under its label, and its tracking ends", async () => {
  const registry = new HandlerRegistry<Scope>([
    handler("t.now", () => ({ ok: 1 })),
    handler("t.later", async () => {
      await Promise.resolve();
      return { ok: 2 };
    }),
    handler("t.throws", () => {
      throw new Error("boom");
    }),
    handler("t.rejects", async () => {
      await Promise.resolve();
      throw new Error("later boom");
    }),
  ]);
  const { dispatcher, seen } = observed(registry);
  const session = new Session("websocket");
  const cases: Array<[string, unknown, string, string, number | string]> = [
    ["t.now", {}, "t.now", "ok", "result"],
    ["t.later", {}, "t.later", "ok", "result"],
    ["t.now", { n: "x" }, "t.now", "error", -32602],
    ["t.throws", {}, "t.throws", "error", -32603],
    ["t.rejects", {}, "t.rejects", "error", -32603],
    ["no.such", {}, UNKNOWN_METHOD, "error", -32601],
  ];
  for (const [method, params, label, outcome, answer] of cases) {
    seen.length = 0;
    const text = await dispatcher.answer({ jsonrpc: "2.0", id: 1, method, params }, session);
    const reply = JSON.parse(text!);
    assert.equal("result" in reply ? "result" : reply.error.code, answer, method);
    assert.equal(seen.length, 1, `${method}: reported once`);
    assert.equal(seen[0]!.method, label);
    assert.equal(seen[0]!.outcome, outcome);
    assert.equal(seen[0]!.transport, "websocket");
    assert.ok(seen[0]!.seconds >= 0);
    assert.equal(session.busy, false, `${method}: its tracking ended`);
  }
  assert.equal(session.requestCount, 4, "the four that ran were counted");
});

/** Waits (without timing anything) until the clock the request metrics read has moved. */
function untilTheClockMoves(): void {
  const start = performance.now();
  while (performance.now() === start) { /* the clock's next tick */ }
}

/**
 * An `instant` handler's answer made at once is counted at 0 s (its clock is not read), and so
 * is an unknown method's refusal; the same handler waiting after all, and a handler not marked
 * instant, are timed (each lets the clock move before it answers, so a timed one is above 0).
 */
Deno.test("an instant handler's answer made at once is counted at 0 s; one that waits is timed", async () => {
  const instant = (method: string, handle: () => unknown) => ({
    ...handler(method, handle),
    instant: true,
  });
  const registry = new HandlerRegistry<Scope>([
    instant("i.now", () => {
      untilTheClockMoves();
      return { ok: 1 };
    }),
    instant("i.later", async () => {
      await Promise.resolve();
      untilTheClockMoves();
      return { ok: 2 };
    }),
    handler("t.now", () => {
      untilTheClockMoves();
      return { ok: 3 };
    }),
  ]);
  const { dispatcher, seen } = observed(registry);
  const session = new Session("websocket");
  const timed = async (method: string, params: unknown = {}) => {
    seen.length = 0;
    await dispatcher.answer({ jsonrpc: "2.0", id: 1, method, params }, session);
    assert.equal(seen.length, 1, method);
    return seen[0]!.seconds;
  };
  assert.equal(await timed("i.now"), 0);
  assert.equal(await timed("i.now", { n: "x" }), 0, "its refusal of bad params too");
  assert.equal(await timed("no.such"), 0);
  assert.ok(await timed("i.later") > 0);
  assert.ok(await timed("t.now") > 0);
});
