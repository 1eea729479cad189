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
  const seen: RpcObservation[] = [];
  const dispatcher = new Dispatcher<Scope>({
    registry,
    context: (scope) => scope,
    log: testLogger(),
    observe: (observation) => seen.push(observation),
  });
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
