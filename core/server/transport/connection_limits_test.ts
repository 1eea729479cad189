/**
 * The per-connection limits of the connection loop: requests in flight, the request rate, unread
 * replies, and the answers at shutdown.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { ManualClock } from "../../clock.ts";
import { SessionRegistry } from "../../sessions/mod.ts";
import { Dispatcher } from "../rpc/dispatcher.ts";
import type { Handler } from "../rpc/handler.ts";
import { type LoopContext, waitForCancel as wait } from "./testing.ts";
import { HandlerRegistry } from "../rpc/registry.ts";
import { ServerShutdown } from "../rpc/wire_errors.ts";
import { testLogger } from "../../../tests/_helpers.ts";
import { Connection } from "./connection.ts";
import type { ConnectionOptions, OpenOptions } from "./connection_options.ts";

type Ctx = LoopContext;

const stubborn: Handler<Ctx, z.ZodObject<Record<string, never>>, object> = {
  method: "test.stubborn",
  description: "Ignores cancellation for a while",
  params: z.strictObject({}),
  handle: () => new Promise((resolve) => setTimeout(() => resolve({}), 200)),
};

const big: Handler<Ctx, z.ZodObject<{ size: z.ZodNumber }>, { text: string }> = {
  method: "test.big",
  description: "Answers with `size` characters",
  params: z.strictObject({ size: z.number() }),
  handle: (params) => ({ text: "x".repeat(params.size) }),
};

const LIMITS: ConnectionOptions = {
  maxMessageBytes: 1_000_000,
  maxBatch: 10,
  maxInflight: 3,
  maxQueuedBytes: 10_000,
  rate: { perSecond: 0, burst: 1 },
};

function setup(limits: Partial<ConnectionOptions> = {}, open: Partial<OpenOptions> = {}) {
  const clock = new ManualClock();
  const lifetime = new AbortController();
  const dispatcher = new Dispatcher<Ctx>({
    registry: new HandlerRegistry<Ctx>([wait, stubborn, big]),
    context: (scope) => scope,
    log: testLogger(),
    lifetime: lifetime.signal,
  });
  const sent: Array<Record<string, unknown>> = [];
  const deps = {
    dispatcher,
    sessions: new SessionRegistry(() => clock.now()),
    clock,
    log: testLogger(),
    options: { ...LIMITS, ...limits },
  };
  const connection = Connection.open(deps, {
    kind: "websocket",
    outbound: (text) => void sent.push(JSON.parse(text)),
    ...open,
  });
  return { connection, sent, lifetime };
}

function request(id: number | string, method = "test.wait", params: unknown = {}): string {
  return JSON.stringify({ jsonrpc: "2.0", id, method, params });
}

function codes(sent: Array<Record<string, unknown>>): number[] {
  return sent.map((reply) => (reply.error as { code: number }).code);
}

Deno.test("past MAX_INFLIGHT_PER_CONNECTION a request is refused at once with -32006", async () => {
  const { connection, sent } = setup();
  for (const id of [1, 2, 3, 4]) connection.receive(request(id));
  assert.equal(connection.inflight, 3, "the fourth never ran");
  assert.equal(sent.length, 1);
  assert.equal(sent[0]?.id, 4);
  const error = sent[0]?.error as { code: number; data: { reason: string; max_inflight: number } };
  assert.equal(error.code, -32006);
  assert.deepEqual(error.data, { reason: "inflight", max_inflight: 3 });
  // A cancel always passes: it is how a client gets back under its limit.
  connection.receive(
    JSON.stringify({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 1 } }),
  );
  connection.close("done");
  await connection.settled();
  connection.receive(request(5));
});

Deno.test("a batch counts each of its requests against the in-flight limit", async () => {
  const { connection, sent } = setup();
  connection.receive(`[${request(1)},${request(2)},${request(3)},${request(4)}]`);
  assert.equal(connection.inflight, 0);
  const batch = sent[0] as unknown as Array<Record<string, unknown>>;
  assert.deepEqual(batch.map((reply) => reply.id), [1, 2, 3, 4], "refused whole, as an array");
  assert.deepEqual(new Set(codes(batch)), new Set([-32006]));
  connection.receive(`[${request(5)},${request(6)}]`);
  connection.receive(request(7));
  assert.equal(connection.inflight, 2, "a batch of two and a single fit in three");
  connection.close("done");
  await connection.settled();
});

Deno.test("a connection over its request rate gets -32006 with retry_after_ms", async () => {
  const { connection, sent } = setup({ maxInflight: 100, rate: { perSecond: 1, burst: 2 } });
  for (const id of [1, 2, 3]) connection.receive(request(id, "test.big", { size: 1 }));
  await connection.settled();
  sent.sort((a, b) => (a.id as number) - (b.id as number));
  assert.deepEqual(sent.map((reply) => "result" in reply), [true, true, false]);
  const error = sent[2]?.error as {
    code: number;
    data: { reason: string; retry_after_ms: number };
  };
  assert.equal(error.code, -32006);
  assert.equal(error.data.reason, "rate_limit");
  assert.ok(error.data.retry_after_ms > 0 && error.data.retry_after_ms <= 1000);
  connection.close("done");
});

Deno.test("a batch larger than the rate limit's burst is refused for good, not told to retry", async () => {
  const { connection, sent } = setup({ maxInflight: 100, rate: { perSecond: 10, burst: 3 } });
  const batch = (ids: number[]) => `[${ids.map((id) => request(id, "test.big", { size: 1 }))}]`;
  connection.receive(batch([1, 2, 3, 4]));
  const refused = sent[0] as unknown as Array<{ error: { code: number; data: unknown } }>;
  assert.deepEqual(refused.map((reply) => reply.error.code), [-32006, -32006, -32006, -32006]);
  assert.deepEqual(refused[0]?.error.data, { reason: "burst", burst: 3 });
  connection.receive(batch([5, 6, 7]));
  await connection.settled();
  const fits = sent[1] as unknown as Array<Record<string, unknown>>;
  assert.deepEqual(fits.map((reply) => "result" in reply), [true, true, true], "burst-sized fits");
  connection.close("done");
});

Deno.test("a client that leaves more than MAX_QUEUED_BYTES unread is cut off once", async () => {
  let queued = 0;
  const overflows: string[] = [];
  const { connection, sent } = setup({ maxInflight: 100 }, {
    outbound: (text) => void (queued += text.length),
    queuedBytes: () => queued,
    onOverflow: (reason) => overflows.push(reason),
  });
  for (let id = 0; id < 5; id++) connection.receive(request(id, "test.big", { size: 4_000 }));
  await connection.settled();
  assert.equal(overflows.length, 1);
  assert.match(overflows[0] ?? "", /does not read its replies .* at most 10000/);
  assert.ok(connection.session.closed, "its session ends with it");
  assert.equal(sent.length, 0);
  const before = queued;
  connection.receive(request(9, "test.big", { size: 4_000 }));
  await connection.settled();
  assert.equal(queued, before, "nothing more is sent or done for it");
});

Deno.test("without a queue measure, pending writes are counted", async () => {
  const overflows: string[] = [];
  const { connection } = setup({ maxInflight: 100 }, {
    // A writer that never finishes (stdout nobody reads).
    outbound: () => new Promise<void>(() => {}),
    onOverflow: (reason) => overflows.push(reason),
  });
  for (let id = 0; id < 2; id++) connection.receive(request(id, "test.big", { size: 4_000 }));
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(overflows.length, 0, "8 KB pending is within 10 KB");
  connection.receive(request(3, "test.big", { size: 4_000 }));
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(overflows.length, 1);
});

Deno.test("stop answers every call in flight with -32008, even one that ignores its cancel", async () => {
  const { connection, sent, lifetime } = setup();
  connection.receive(request(1));
  connection.receive(request(2, "test.stubborn"));
  lifetime.abort(new ServerShutdown());
  await connection.stop(50);
  connection.receive(request(3));
  assert.deepEqual(sent.map((reply) => reply.id).sort(), [1, 2, 3]);
  assert.deepEqual(codes(sent), [-32008, -32008, -32008]);
  assert.match((sent[0]?.error as { message: string }).message, /^Server shutting down/);
  connection.close("shutdown");
  await connection.settled();
});
