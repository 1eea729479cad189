/**
 * The -32005 hint of a method whose result cannot be paged (`tooLarge`) follows the method that
 * ran: a call run in another's stead (MCP `tools/call`, `runs`) gets the ran method's hint.
 *
 * @module
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { Session } from "../../sessions/mod.ts";
import { Dispatcher } from "./dispatcher.ts";
import type { Handler, RequestScope } from "./handler.ts";
import { HandlerRegistry } from "./registry.ts";
import toolsCall from "../../../handlers/tools/call.ts";
import { testLogger } from "../../../tests/_helpers.ts";

type Ctx = RequestScope<Ctx>;

const HINT = "fetch it over HTTP instead";

const bundle: Handler<Ctx, z.ZodObject<{ size: z.ZodNumber }>, { text: string }> = {
  method: "test.bundle",
  description: "Answers with `size` characters; cannot be paged",
  params: z.strictObject({ size: z.number() }),
  tooLarge: HINT,
  handle: (params) => ({ text: "x".repeat(params.size) }),
};

/** Runs the method named `name` with `arguments`, as tools/call runs a tool's method. */
const proxy: Handler<Ctx, z.ZodType, unknown> = {
  method: "test.proxy",
  description: "Runs another method",
  params: z.looseObject({ name: z.string(), arguments: z.record(z.string(), z.unknown()) }),
  runs: (params) => (params as { name?: string }).name,
  handle: (params, ctx) => {
    const { name, arguments: args } = params as { name: string; arguments: unknown };
    return ctx.call(name, args);
  },
};

Deno.test("a too-large reply of a call run in another's stead gets the ran method's hint", async () => {
  const dispatcher = new Dispatcher<Ctx>({
    registry: new HandlerRegistry<Ctx>([bundle, proxy]),
    context: (scope) => scope,
    log: testLogger(),
    maxReplyBytes: 1_000,
  });
  const session = new Session("internal");
  for (
    const [method, params] of [
      ["test.bundle", { size: 2_000 }],
      ["test.proxy", { name: "test.bundle", arguments: { size: 2_000 } }],
    ] as const
  ) {
    const refused = await dispatcher.handleValue(
      { jsonrpc: "2.0", id: 1, method, params },
      session,
    ) as {
      error: { code: number; message: string; data: { hint?: string } };
    };
    assert.equal(refused.error.code, -32005, method);
    assert.ok(refused.error.message.endsWith(HINT), method);
    assert.equal(refused.error.data.hint, HINT, method);
  }
});

Deno.test("tools/call runs the named tool's method; an unknown tool runs none", () => {
  assert.equal(toolsCall.runs?.({ name: "persona_list", arguments: {} }), "persona.list");
  assert.equal(toolsCall.runs?.({ name: "no_such_tool" }), undefined);
  assert.equal(toolsCall.runs?.(undefined), undefined);
});
