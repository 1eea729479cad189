import assert from "node:assert/strict";
import { z } from "zod";
import { ManualClock } from "../../clock.ts";
import { Session, SessionRegistry } from "../../sessions/mod.ts";
import { EVICTION_GRACE_MS } from "../../sessions/registry.ts";
import { Dispatcher } from "./dispatcher.ts";
import type { JsonRpcNotification } from "./envelope.ts";
import type { Handler, RequestScope } from "./handler.ts";
import { HandlerRegistry } from "./registry.ts";
import { testLogger } from "../../../tests/_helpers.ts";

/** A context with one service of its own: the dispatcher knows nothing of the server's. */
interface GreeterContext extends RequestScope<GreeterContext> {
  greeting: string;
}

const greet: Handler<GreeterContext, z.ZodObject<{ name: z.ZodString }>, { line: string }> = {
  method: "greet",
  description: "Greets",
  params: z.strictObject({ name: z.string().min(1) }),
  handle: (params, ctx) => ({ line: `${ctx.greeting}, ${params.name}` }),
};

const twice: Handler<GreeterContext, z.ZodObject<{ name: z.ZodString }>, { lines: string[] }> = {
  method: "twice",
  description: "Greets twice through nested typed calls",
  params: z.strictObject({ name: z.string() }),
  async handle(params, ctx) {
    // Typed end to end: `first.line` is a string without any cast.
    const first = await ctx.call(greet, { name: params.name });
    const second = await ctx.call(greet, { name: first.line });
    return { lines: [first.line, second.line] };
  },
};

const progress: Handler<GreeterContext, z.ZodObject<Record<string, never>>, { done: true }> = {
  method: "progress",
  description: "Reports two steps of progress",
  params: z.strictObject({}),
  handle(_params, ctx) {
    ctx.progress({ progress: 1, total: 2 });
    ctx.progress({ progress: 2, message: "second" });
    return { done: true };
  },
};

function greeter(greeting = "Hello") {
  const contexts: GreeterContext[] = [];
  const dispatcher = new Dispatcher<GreeterContext>({
    registry: new HandlerRegistry<GreeterContext>([greet, twice, progress]),
    context: (scope) => {
      const ctx = { ...scope, greeting };
      contexts.push(ctx);
      return ctx;
    },
    log: testLogger(),
  });
  return { dispatcher, contexts, session: new Session("internal") };
}

Deno.test("the dispatcher is generic: a registry, a context factory and a logger are all it takes", async () => {
  const { dispatcher, contexts, session } = greeter("Hi");
  const reply = await dispatcher.handleValue(
    { jsonrpc: "2.0", id: 1, method: "greet", params: { name: "Ada" } },
    session,
  );
  assert.deepEqual(reply, { jsonrpc: "2.0", id: 1, result: { line: "Hi, Ada" } });
  assert.equal(contexts.length, 1);
  assert.equal(contexts[0]!.session, session);
  assert.equal(contexts[0]!.requestId, 1);
  assert.equal(contexts[0]!.registry.get("greet"), greet);
});

Deno.test("dispatcher.call and ctx.call keep the handler's result type (and validate its params)", async () => {
  const { dispatcher, session } = greeter();
  const result: { lines: string[] } = await dispatcher.call(twice, { name: "Ada" }, { session });
  assert.deepEqual(result.lines, ["Hello, Ada", "Hello, Hello, Ada"]);
  const line: string = (await dispatcher.call(greet, { name: "Bo" }, { session })).line;
  assert.equal(line, "Hello, Bo");
  await assert.rejects(
    dispatcher.call(greet, { name: "" }, { session }),
    (error: Error & { code?: number }) => error.code === -32602,
  );
  await assert.rejects(
    dispatcher.call("nope", {}, { session }),
    (error: Error & { code?: number }) => error.code === -32601,
  );
});

Deno.test("ctx.progress sends notifications/progress only when the caller sent a progress token", async () => {
  const { dispatcher, session } = greeter();
  const seen: JsonRpcNotification[] = [];
  await dispatcher.handleValue(
    { jsonrpc: "2.0", id: 1, method: "progress", params: { _meta: { progressToken: "t1" } } },
    session,
    (notification) => seen.push(notification),
  );
  assert.deepEqual(seen, [
    {
      jsonrpc: "2.0",
      method: "notifications/progress",
      params: { progressToken: "t1", progress: 1, total: 2 },
    },
    {
      jsonrpc: "2.0",
      method: "notifications/progress",
      params: { progressToken: "t1", progress: 2, message: "second" },
    },
  ]);
  seen.length = 0;
  await dispatcher.handleValue(
    { jsonrpc: "2.0", id: 2, method: "progress" },
    session,
    (notification) => seen.push(notification),
  );
  assert.deepEqual(seen, [], "no token, no progress");
});

Deno.test("a session with a request running past the grace is never evicted; its end counts as use", async () => {
  const clock = new ManualClock();
  const sessions = new SessionRegistry(() => clock.now(), { maxDetached: 1 });
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => finish = resolve);
  const long: Handler<GreeterContext, z.ZodObject<Record<string, never>>, { done: true }> = {
    method: "long",
    description: "Runs until the test lets it finish (a chat of minutes)",
    params: z.strictObject({}),
    handle: async () => {
      await finished;
      return { done: true };
    },
  };
  const dispatcher = new Dispatcher<GreeterContext>({
    registry: new HandlerRegistry<GreeterContext>([long]),
    context: (scope) => ({ ...scope, greeting: "Hi" }),
    log: testLogger(),
  });
  const session = sessions.open("http");
  const reply = dispatcher.handleValue({ jsonrpc: "2.0", id: 1, method: "long" }, session);
  clock.advance(6 * 60_000);
  assert.throws(() => sessions.open("rest"), /each with a request running/);
  finish();
  assert.deepEqual(await reply, { jsonrpc: "2.0", id: 1, result: { done: true } });
  assert.equal(session.lastSeen, clock.now(), "used until its request ended");
  clock.advance(EVICTION_GRACE_MS - 1);
  assert.throws(() => sessions.open("rest"), /used within the last 5 minutes/);
  clock.advance(1);
  sessions.open("rest");
  assert.ok(session.closed, "a grace period after its request ended, it may go");
});
