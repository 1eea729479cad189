import assert from "node:assert/strict";
import { z } from "zod";
import { createServices } from "../../services.ts";
import { createLogger } from "../../log.ts";
import { Session } from "../../sessions/mod.ts";
import { defineHandler } from "../define_handler.ts";
import { createDispatcher } from "../server_dispatcher.ts";
import { HandlerRegistry } from "./registry.ts";
import { ECHO_MAX } from "../../text_cut.ts";
import { testConfig, waitUntilCancelled } from "../../../tests/_helpers.ts";

async function setup(lines: string[] = []) {
  const services = await createServices(testConfig(), {
    databasePath: ":memory:",
    log: createLogger("debug", { write: (line) => lines.push(line) }),
  });
  const registry = new HandlerRegistry([
    defineHandler({
      method: "test.explode",
      description: "Throws an unexpected error",
      params: z.strictObject({}),
      handle() {
        throw new Error("secret database password in message");
      },
    }),
    defineHandler({
      method: "test.strict",
      description: "Needs a number",
      params: z.strictObject({ n: z.number() }),
      handle: (params) => ({ doubled: params.n * 2 }),
    }),
    defineHandler({
      method: "test.stream",
      description: "Notifies twice, then answers",
      params: z.strictObject({}),
      handle(_params, ctx) {
        ctx.notify("test.chunk", { index: 0 });
        ctx.notify("test.chunk", { index: 1 });
        return { done: true };
      },
    }),
    waitUntilCancelled("test.wait"),
    defineHandler({
      method: "test.outer",
      description: "Calls another method through ctx.call",
      params: z.strictObject({ target: z.string(), params: z.unknown(), relay: z.boolean() }),
      async handle(params, ctx) {
        const relayed: string[] = [];
        const inner = await ctx.call(params.target, params.params, {
          notify: params.relay ? (method) => relayed.push(method) : undefined,
        });
        return { inner, relayed, session: ctx.session.id, id: ctx.requestId ?? null };
      },
    }),
    defineHandler({
      method: "test.whoami",
      description: "Reports its request id and session",
      params: z.strictObject({}),
      handle: (_params, ctx) => ({ id: ctx.requestId ?? null, session: ctx.session.id }),
    }),
  ]);
  const dispatcher = createDispatcher(registry, services);
  return { dispatcher, services, session: new Session("internal"), lines };
}

Deno.test("an unexpected error is -32603, logged with the request id, never echoed", async () => {
  const { dispatcher, session, lines, services } = await setup();
  const reply = await dispatcher.handleText(
    '{"jsonrpc":"2.0","method":"test.explode","id":"req-77"}',
    session,
  );
  const parsed = JSON.parse(reply!);
  assert.deepEqual(parsed, {
    jsonrpc: "2.0",
    id: "req-77",
    error: { code: -32603, message: "Internal error" },
  });
  assert.ok(!reply!.includes("secret"));
  const logged = lines.find((line) => line.includes("Internal error"));
  assert.ok(logged, "the failure is logged");
  assert.match(logged, /request_id=req-77/);
  assert.match(logged, /method=test\.explode/);
  assert.match(logged, /secret database password/, "the log keeps the real cause");
  await services.db.close();
});

Deno.test("an unexpected error's log quotes a long request id cut to ECHO_MAX", async () => {
  const { dispatcher, session, lines, services } = await setup();
  const id = `r${"x".repeat(50_000)}`;
  await dispatcher.handleText(
    JSON.stringify({ jsonrpc: "2.0", method: "test.explode", id }),
    session,
  );
  const logged = lines.find((line) => line.includes("Internal error"))!;
  assert.ok(logged.includes(`request_id="r${"x".repeat(ECHO_MAX - 1)}…"`), logged.slice(0, 300));
  assert.ok(!logged.includes("x".repeat(ECHO_MAX)), "nothing longer is quoted");
  await services.db.close();
});

Deno.test("answer replies at once when the handler answers at once; an awaiting one later", async () => {
  const { dispatcher, session, services } = await setup();
  const now = dispatcher.answer(
    { jsonrpc: "2.0", method: "test.strict", params: { n: 2 }, id: 1 },
    session,
  );
  assert.equal(now, '{"jsonrpc":"2.0","id":1,"result":{"doubled":4}}');
  assert.deepEqual(session.inflightIds(), [], "its tracking ended with it");
  const failed = dispatcher.answer({ jsonrpc: "2.0", method: "test.explode", id: 2 }, session);
  assert.equal(typeof failed, "string");
  assert.equal(JSON.parse(failed as string).error.code, -32603);
  const later = dispatcher.answer(
    {
      jsonrpc: "2.0",
      method: "test.outer",
      params: { target: "test.whoami", params: {}, relay: false },
      id: 3,
    },
    session,
  );
  assert.ok(later instanceof Promise);
  assert.equal(JSON.parse((await later)!).result.inner.id, 3);
  assert.equal(session.requestCount, 3, "the nested call is part of its request");
  await services.db.close();
});

Deno.test("an unknown method is -32601 even when its params are invalid", async () => {
  const { dispatcher, session, services } = await setup();
  const reply = await dispatcher.handleValue(
    { jsonrpc: "2.0", method: "test.nope", params: [1], id: 1 },
    session,
  );
  assert.equal((reply as { error: { code: number } }).error.code, -32601);
  await services.db.close();
});

Deno.test("notifications sent by a handler precede its response", async () => {
  const { dispatcher, session, services } = await setup();
  const seen: string[] = [];
  const reply = await dispatcher.handleValue(
    { jsonrpc: "2.0", method: "test.stream", id: 5 },
    session,
    (notification) => seen.push(`${notification.method}:${notification.params?.index}`),
  );
  seen.push("response");
  assert.deepEqual(seen, ["test.chunk:0", "test.chunk:1", "response"]);
  assert.deepEqual((reply as { result: unknown }).result, { done: true });
  await services.db.close();
});

Deno.test("a session cancels its in-flight request by id; closing cancels the rest", async () => {
  const { dispatcher, session, services } = await setup();
  const first = dispatcher.handleValue({ jsonrpc: "2.0", method: "test.wait", id: 1 }, session);
  const second = dispatcher.handleValue({ jsonrpc: "2.0", method: "test.wait", id: "1" }, session);
  assert.deepEqual(new Set(session.inflightIds()), new Set([1, "1"]));
  assert.equal(session.cancel(1), true);
  const cancelled = (await first) as { error: { code: number; message: string } };
  assert.equal(cancelled.error.code, -32800);
  assert.match(cancelled.error.message, /cancelled by the client/);
  assert.deepEqual(session.inflightIds(), ["1"], '1 and "1" are different ids');
  session.close();
  await second;
  assert.deepEqual(session.inflightIds(), []);
  assert.equal(session.cancel(1), false);
  await services.db.close();
});

Deno.test("the server's lifetime ending cancels the requests running then", async () => {
  const { dispatcher, session, services } = await setup();
  const running = dispatcher.handleValue({ jsonrpc: "2.0", method: "test.wait", id: 1 }, session);
  const finished = await dispatcher.handleValue(
    { jsonrpc: "2.0", method: "test.strict", params: { n: 2 }, id: 2 },
    session,
  );
  assert.deepEqual(finished, { jsonrpc: "2.0", id: 2, result: { doubled: 4 } });
  services.lifetime.abort(new Error("server stopping"));
  const cancelled = (await running) as { error: { code: number; message: string } };
  assert.equal(cancelled.error.code, -32800);
  assert.deepEqual(session.inflightIds(), []);
  services.db.close();
});

Deno.test("a duplicate method is refused when the registry is built", () => {
  const handler = defineHandler({
    method: "dup",
    description: "x",
    params: z.strictObject({}),
    handle: () => ({}),
  });
  assert.throws(() => new HandlerRegistry([handler, handler]), /Duplicate JSON-RPC method "dup"/);
});

Deno.test("ctx.call runs another method in the same session as part of the same request", async () => {
  const { dispatcher, session, services } = await setup();
  const reply = await dispatcher.handleValue(
    {
      jsonrpc: "2.0",
      method: "test.outer",
      params: { target: "test.whoami", params: {}, relay: false },
      id: "outer-1",
    },
    session,
  ) as { result: { inner: unknown; session: string } };
  assert.deepEqual(reply.result.inner, { id: "outer-1", session: session.id });
  assert.equal(session.requestCount, 1, "a nested call is not a request of its own");
  await services.db.close();
});

Deno.test("ctx.call hands the nested method's notifications to the caller's sink", async () => {
  const { dispatcher, session, services } = await setup();
  const sent: string[] = [];
  const request = (relay: boolean, id: number) =>
    dispatcher.handleValue(
      {
        jsonrpc: "2.0",
        method: "test.outer",
        params: { target: "test.stream", params: {}, relay },
        id,
      },
      session,
      (notification) => sent.push(notification.method),
    ) as Promise<{ result: { relayed: string[] } }>;
  const redirected = await request(true, 1);
  assert.deepEqual(redirected.result.relayed, ["test.chunk", "test.chunk"]);
  assert.deepEqual(sent, [], "redirected notifications do not reach the client");
  await request(false, 2);
  assert.deepEqual(sent, ["test.chunk", "test.chunk"], "by default they reach the client");
  await services.db.close();
});

Deno.test("ctx.call validates like a request: unknown method -32601, bad params -32602", async () => {
  const { dispatcher, session, services } = await setup();
  const call = async (target: string, params: unknown) =>
    (await dispatcher.handleValue(
      { jsonrpc: "2.0", method: "test.outer", params: { target, params, relay: false }, id: 1 },
      session,
    ) as { error: { code: number } }).error.code;
  assert.equal(await call("test.missing", {}), -32601);
  assert.equal(await call("test.strict", { n: "two" }), -32602);
  await services.db.close();
});

Deno.test("cancelling a request stops its nested call; reply: false leaves it unanswered", async () => {
  const { dispatcher, session, services } = await setup();
  const waiting = dispatcher.handleValue(
    {
      jsonrpc: "2.0",
      method: "test.outer",
      params: { target: "test.wait", params: {}, relay: false },
      id: 9,
    },
    session,
  );
  assert.deepEqual(session.inflightIds(), [9]);
  assert.equal(session.cancel(9, "user pressed stop", { reply: false }), true);
  assert.equal(await waiting, undefined, "MCP: a cancelled request gets no response");
  assert.deepEqual(session.inflightIds(), []);
  await services.db.close();
});
