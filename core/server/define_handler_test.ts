import assert from "node:assert/strict";
import { z } from "zod";
import { createServices } from "../services.ts";
import { Session, type SessionKind } from "../sessions/mod.ts";
import { cancelAnywhere, defineHandler, type HandlerContext } from "./define_handler.ts";
import { HandlerRegistry } from "./rpc/registry.ts";
import { createDispatcher } from "./server_dispatcher.ts";
import { testConfig, testLogger } from "../../tests/_helpers.ts";

Deno.test("defineHandler returns its input, typed: the result type survives for REST and MCP callers", () => {
  const handler = defineHandler({
    method: "test.typed",
    description: "Returns a typed result",
    params: z.strictObject({ n: z.number() }),
    handle: (params) => ({ doubled: params.n * 2, label: "x" as const }),
  });
  const ctx = {} as HandlerContext;
  const result = handler.handle({ n: 2 }, ctx);
  // A compile-time check as much as a runtime one: `doubled` is a number, `label` the literal "x".
  const typed: { doubled: number; label: "x" } | Promise<{ doubled: number; label: "x" }> = result;
  assert.deepEqual(typed, { doubled: 4, label: "x" });
});

Deno.test("handlers see the domain services, not the database handle nor the server's lifetime", async () => {
  const services = await createServices(testConfig(), {
    databasePath: ":memory:",
    log: testLogger(),
  });
  const probe = defineHandler({
    method: "test.probe",
    description: "Reports what its context holds",
    params: z.strictObject({}),
    async handle(_params, ctx) {
      // @ts-expect-error: storage stays behind the services.
      const db: unknown = ctx.db;
      // @ts-expect-error: shutdown reaches a handler through its signal, not the lifetime.
      const lifetime: unknown = ctx.lifetime;
      return { db, lifetime, personas: await ctx.personas.count(), signal: ctx.signal.aborted };
    },
  });
  try {
    const dispatcher = createDispatcher(new HandlerRegistry([probe]), services);
    const seen = await dispatcher.call(probe, {}, { session: new Session("internal") });
    assert.deepEqual(seen, { db: undefined, lifetime: undefined, personas: 2, signal: false });
  } finally {
    await services.db.close();
  }
});

Deno.test("cancelAnywhere relays only a shared session's cancel: a WebSocket or stdio one stays on its node", async () => {
  // Those sessions live on one node (random ids): a relayed cancel would reach no request and
  // cost every node a database notification per cancel of an unknown id.
  const sent: unknown[] = [];
  const relay = {
    send: (message: unknown) => {
      sent.push(message);
      return Promise.resolve();
    },
    on: () => {},
  };
  const ctxFor = (kind: SessionKind, shared: boolean) =>
    ({ session: new Session(kind), relay, sessions: { shared } }) as unknown as HandlerContext;
  for (const kind of ["websocket", "stdio", "internal"] as const) {
    assert.equal(await cancelAnywhere(ctxFor(kind, true), 7, "stop"), false);
  }
  assert.equal(await cancelAnywhere(ctxFor("http", false), 7, "stop"), false, "no shared store");
  assert.deepEqual(sent, []);
  const http = ctxFor("http", true);
  assert.equal(await cancelAnywhere(http, 7, "stop"), false, "not running here");
  assert.deepEqual(sent, [
    { kind: "request.cancel", session: http.session.id, requestId: 7, reason: "stop" },
  ]);
});
