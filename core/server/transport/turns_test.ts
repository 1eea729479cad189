/**
 * A connection's turns: a few messages run at once, the rest wait in arrival order and start on
 * a later macrotask, a cancel never waits, the in-flight cap still bounds what waits.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { ManualClock } from "../../clock.ts";
import { SessionRegistry } from "../../sessions/mod.ts";
import { Dispatcher } from "../rpc/dispatcher.ts";
import type { Handler } from "../rpc/handler.ts";
import { HandlerRegistry } from "../rpc/registry.ts";
import { testLogger } from "../../../tests/_helpers.ts";
import { Connection } from "./connection.ts";
import { type LoopContext, waitForCancel } from "./testing.ts";
import { RUNNING_PER_CONNECTION, Turns } from "./turns.ts";

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

Deno.test("RUNNING_PER_CONNECTION is 4", () => {
  assert.equal(RUNNING_PER_CONNECTION, 4);
});

Deno.test("Turns: past the limit messages wait, then start in order on a later macrotask", async () => {
  const turns = new Turns(2);
  const started: number[] = [];
  for (const n of [1, 2]) assert.ok(turns.enter(false), `message ${n} starts in place`);
  assert.equal(turns.enter(false), false, "a third waits");
  for (const n of [3, 4]) turns.wait(() => started.push(n), () => assert.fail("dropped"));
  turns.release();
  assert.deepEqual(started, [], "not in the same turn of the event loop");
  await macrotask();
  assert.deepEqual(started, [3]);
  assert.equal(turns.enter(false), false, "a newcomer does not pass the one still waiting");
  turns.release();
  await macrotask();
  assert.deepEqual(started, [3, 4]);
  assert.equal(turns.queued, 2);
  assert.ok(turns.enter(true), "an urgent message (a cancel) never waits");
  assert.equal(turns.running, 3);
});

Deno.test("Turns: closing drops the waiting messages", () => {
  const turns = new Turns(1);
  turns.enter(false);
  const dropped: number[] = [];
  for (const n of [1, 2]) turns.wait(() => assert.fail("started"), () => dropped.push(n));
  turns.close();
  turns.wait(() => assert.fail("started"), () => dropped.push(3));
  assert.deepEqual(dropped, [1, 2, 3]);
  assert.equal(turns.waiting, 0);
});

const order: string[] = [];
/** Ends each `test.hold` request still running, oldest first. */
const holding: Array<() => void> = [];
const hold: Handler<LoopContext, z.ZodObject<Record<string, never>>, object> = {
  method: "test.hold",
  description: "Ends when the test lets it",
  params: z.strictObject({}),
  handle: () => new Promise((resolve) => holding.push(() => resolve({}))),
};
const noted: Handler<LoopContext, z.ZodObject<{ n: z.ZodNumber }>, { n: number }> = {
  method: "test.noted",
  description: "Notes that it ran",
  params: z.strictObject({ n: z.number() }),
  handle: (params) => {
    order.push(`ran ${params.n}`);
    return { n: params.n };
  },
};

function setup(maxInflight: number) {
  const clock = new ManualClock();
  const dispatcher = new Dispatcher<LoopContext>({
    registry: new HandlerRegistry<LoopContext>([waitForCancel, noted, hold]),
    context: (scope) => scope,
    log: testLogger(),
    lifetime: new AbortController().signal,
  });
  const sent: Array<Record<string, unknown>> = [];
  const connection = Connection.open({
    dispatcher,
    sessions: new SessionRegistry(() => clock.now()),
    clock,
    log: testLogger(),
    options: {
      maxMessageBytes: 100_000,
      maxBatch: 10,
      maxInflight,
      maxQueuedBytes: 100_000,
      rate: { perSecond: 0, burst: 1 },
    },
  }, { kind: "websocket", outbound: (text) => void sent.push(JSON.parse(text)) });
  return { connection, sent };
}

const request = (id: number, method: string, params: unknown = {}) =>
  JSON.stringify({ jsonrpc: "2.0", id, method, params });
const cancel = (id: number) =>
  JSON.stringify({
    jsonrpc: "2.0",
    method: "notifications/cancelled",
    params: { requestId: id },
  });

Deno.test("a connection runs RUNNING_PER_CONNECTION messages; the rest wait in order, bounded by MAX_INFLIGHT_PER_CONNECTION (-32006)", async () => {
  const { connection, sent } = setup(RUNNING_PER_CONNECTION + 2);
  order.length = 0;
  for (let id = 1; id <= RUNNING_PER_CONNECTION; id++) connection.receive(request(id, "test.hold"));
  connection.receive(request(11, "test.noted", { n: 11 }));
  connection.receive(request(12, "test.noted", { n: 12 }));
  assert.deepEqual(order, [], "past the turns, quick requests wait");
  connection.receive(request(13, "test.noted", { n: 13 }));
  assert.equal(sent.length, 1, "past the in-flight cap, refused at once");
  assert.equal(sent[0]?.id, 13);
  assert.equal((sent[0]?.error as { code: number }).code, -32006);
  // A cancel is never queued behind the turns: it is done at once (it names no request here).
  connection.receive(cancel(99));
  assert.equal(connection.inflight, RUNNING_PER_CONNECTION + 2);
  holding.shift()!();
  for (let hops = 0; hops < 20 && order.length < 2; hops++) await macrotask();
  assert.deepEqual(order, ["ran 11", "ran 12"], "one turn freed: the waiting ones ran, in order");
  assert.deepEqual(sent.slice(1).map((reply) => reply.id), [1, 11, 12]);
  for (const end of holding.splice(0)) end();
  await connection.settled();
  connection.close("test over");
});

Deno.test("closing a connection drops its waiting messages unrun", async () => {
  const { connection } = setup(RUNNING_PER_CONNECTION + 2);
  order.length = 0;
  for (let id = 1; id <= RUNNING_PER_CONNECTION; id++) connection.receive(request(id, "test.wait"));
  connection.receive(request(11, "test.noted", { n: 11 }));
  assert.equal(connection.inflight, RUNNING_PER_CONNECTION + 1);
  connection.close("client left");
  await connection.settled();
  await macrotask();
  assert.deepEqual(order, [], "the waiting message never ran");
});

Deno.test("a request may not take the id of one waiting for a turn (-32600)", async () => {
  const { connection, sent } = setup(RUNNING_PER_CONNECTION + 2);
  for (let id = 1; id <= RUNNING_PER_CONNECTION; id++) connection.receive(request(id, "test.hold"));
  connection.receive(request(11, "test.noted", { n: 11 }));
  connection.receive(request(11, "test.noted", { n: 111 }));
  assert.equal(sent.length, 1);
  assert.equal(sent[0]?.id, 11);
  assert.equal((sent[0]?.error as { code: number }).code, -32600);
  for (const end of holding.splice(0)) end();
  await connection.settled();
  connection.close("test over");
});

Deno.test("at a shutdown a message still waiting for its turn is answered -32008", async () => {
  const { connection, sent } = setup(RUNNING_PER_CONNECTION + 2);
  for (let id = 1; id <= RUNNING_PER_CONNECTION; id++) connection.receive(request(id, "test.hold"));
  connection.receive(request(11, "test.noted", { n: 11 }));
  await connection.stop(1);
  connection.close("shutdown");
  const refused = sent.filter((reply) => (reply.error as { code: number })?.code === -32008);
  assert.deepEqual(refused.map((reply) => reply.id).sort(), [1, 11, 2, 3, 4]);
  for (const end of holding.splice(0)) end();
  await connection.settled();
});
