import assert from "node:assert/strict";
import { z } from "zod";
import { ManualClock } from "../../clock.ts";
import { SessionRegistry } from "../../sessions/mod.ts";
import { Dispatcher } from "../rpc/dispatcher.ts";
import type { Handler } from "../rpc/handler.ts";
import { type LoopContext, waitForCancel as wait } from "./testing.ts";
import { HandlerRegistry } from "../rpc/registry.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";
import { Connection } from "./connection.ts";
import { type ConnectionDeps, connectionOptions } from "./connection_options.ts";

type Ctx = LoopContext;

const echo: Handler<Ctx, z.ZodObject<{ text: z.ZodString }>, { text: string }> = {
  method: "test.echo",
  description: "Notifies, then answers with its text",
  params: z.strictObject({ text: z.string() }),
  handle(params, ctx) {
    ctx.notify("test.note", { text: params.text });
    return { text: params.text };
  },
};

function setup(limit = 100) {
  const clock = new ManualClock();
  const sessions = new SessionRegistry(() => clock.now());
  const dispatcher = new Dispatcher<Ctx>({
    registry: new HandlerRegistry<Ctx>([echo, wait]),
    context: (scope) => scope,
    log: testLogger(),
  });
  const deps: ConnectionDeps = {
    dispatcher,
    sessions,
    clock,
    log: testLogger(),
    options: connectionOptions(testConfig({ MAX_FRAME_BYTES: String(limit) })),
  };
  const sent: unknown[] = [];
  const connection = Connection.open(deps, {
    kind: "websocket",
    outbound: (text) => void sent.push(JSON.parse(text)),
  });
  return { connection, sessions, clock, sent, deps };
}

Deno.test("a connection opens its session and sends a request's notifications before its reply", async () => {
  const { connection, sessions, sent } = setup();
  assert.equal(sessions.get(connection.session.id), connection.session);
  connection.receive('{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"hi"}}');
  connection.receive('{"jsonrpc":"2.0","method":"test.echo","params":{"text":"quiet"}}');
  await connection.settled();
  // Messages are served concurrently: only each request's own order is fixed (its notifications,
  // then its reply). Here the first is answered at once, before the second is even received.
  assert.deepEqual(sent, [
    { jsonrpc: "2.0", method: "test.note", params: { text: "hi" } },
    { jsonrpc: "2.0", id: 1, result: { text: "hi" } },
    { jsonrpc: "2.0", method: "test.note", params: { text: "quiet" } },
  ]);
  assert.equal(connection.session.requestCount, 2);
});

Deno.test("a request whose handler answers at once is answered before receive returns", async () => {
  const { connection, sent } = setup();
  connection.receive('{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"now"}}');
  assert.deepEqual(sent, [
    { jsonrpc: "2.0", method: "test.note", params: { text: "now" } },
    { jsonrpc: "2.0", id: 1, result: { text: "now" } },
  ]);
  assert.equal(connection.inflight, 0);
  assert.deepEqual(connection.session.inflightIds(), []);
  connection.receive('{"jsonrpc":"2.0","id":2,"method":"test.echo","params":{}}');
  assert.equal(sent.length, 3, "invalid params: answered at once too");
  assert.equal((sent[2] as unknown as { error: { code: number } }).error.code, -32602);
  // One that waits is answered later, and counted in flight meanwhile.
  connection.receive('{"jsonrpc":"2.0","id":3,"method":"test.wait"}');
  assert.equal(connection.inflight, 1);
  connection.close("connection closed");
  await connection.settled();
  assert.equal(connection.inflight, 0);
});

Deno.test("a connection's size limit counts UTF-8 bytes, not characters", () => {
  const { connection } = setup(10);
  assert.equal(connection.options.maxMessageBytes, 10);
  assert.ok(connection.fits("a".repeat(10)));
  assert.ok(!connection.fits("a".repeat(11)));
  assert.ok(connection.fits("é".repeat(5)), "10 bytes");
  assert.ok(!connection.fits("é".repeat(6)), "12 bytes in 6 characters");
});

Deno.test("closing a connection ends its session and cancels what is in flight", async () => {
  const { connection, sessions, sent } = setup();
  connection.receive('{"jsonrpc":"2.0","id":7,"method":"test.wait"}');
  assert.equal(connection.inflight, 1);
  assert.deepEqual(connection.session.inflightIds(), [7]);
  connection.close("connection closed");
  await connection.settled();
  assert.equal(connection.inflight, 0);
  assert.equal(sessions.get(connection.session.id), undefined);
  assert.equal(connection.session.closed, true);
  assert.deepEqual(sent, [{
    jsonrpc: "2.0",
    id: 7,
    error: {
      code: -32800,
      message: "Request cancelled: connection closed",
      data: { request_id: 7 },
    },
  }], "the outbound channel decides whether a late reply still goes out");
});

Deno.test("exchange answers in place and marks the session as seen", async () => {
  const { connection, clock, sent } = setup();
  clock.advance(5_000);
  const notes: unknown[] = [];
  const reply = await connection.exchange(
    { jsonrpc: "2.0", id: "a", method: "test.echo", params: { text: "x" } },
    (note) => notes.push(note),
  );
  assert.deepEqual(reply, { jsonrpc: "2.0", id: "a", result: { text: "x" } });
  assert.deepEqual(notes, [{ jsonrpc: "2.0", method: "test.note", params: { text: "x" } }]);
  assert.deepEqual(sent, [], "nothing goes through the outbound channel");
  assert.equal(connection.session.lastSeen, clock.now());
});

Deno.test("a message over a socket reads no clock: only sessions that expire keep lastSeen", async () => {
  const { connection, clock } = setup();
  const opened = connection.session.lastSeen;
  let reads = 0;
  const now = clock.now.bind(clock);
  clock.now = () => {
    reads++;
    return now();
  };
  clock.advance(5_000);
  connection.receive('{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"x"}}');
  await connection.settled();
  assert.equal(reads, 0);
  assert.equal(connection.session.lastSeen, opened, "a WebSocket session's stays its opening");
});

Deno.test("settled waits for every message received, including ones that fail", async () => {
  const { connection, sent } = setup();
  connection.receive("not json");
  connection.receive('{"jsonrpc":"2.0","id":2,"method":"test.missing"}');
  await connection.settled();
  assert.deepEqual(sent.map((reply) => (reply as { error: { code: number } }).error.code), [
    -32700,
    -32601,
  ]);
});

Deno.test("a channel's members are called as methods of the object given, which the connection keeps", async () => {
  const { deps } = setup();
  // One object per connection, its members on the prototype (as ws.ts's sockets): no closures.
  class Channel {
    readonly kind = "websocket";
    readonly sent: string[] = [];
    outbound(text: string): void {
      this.sent.push(text);
    }
  }
  const channel = new Channel();
  const connection = Connection.open(deps, channel);
  connection.receive('{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"a"}}');
  await connection.settled();
  assert.equal(channel.sent.length, 2, "the notification and the reply");
});

Deno.test("after a connection has gone quiet, its next requests notify and settle as the first did", async () => {
  const { connection, sent } = setup();
  for (const id of [1, 2, 3]) {
    // What a request makes on arrival (the notification sink, who waits for settled) is let go
    // once nothing is left to answer, and made again by the next one.
    const waiting = connection.settled();
    connection.receive(
      `{"jsonrpc":"2.0","id":${id},"method":"test.echo","params":{"text":"t${id}"}}`,
    );
    await waiting;
    connection.receive(`{"jsonrpc":"2.0","id":${id},"method":"test.wait"}`);
    const settled = connection.settled();
    assert.equal(connection.session.busy, true);
    connection.session.cancel(id);
    await settled;
    assert.equal(connection.session.busy, false);
  }
  assert.deepEqual(
    sent.filter((message) => (message as { method?: string }).method === "test.note").length,
    3,
  );
  assert.deepEqual(sent.map((message) => (message as { id?: number }).id).filter(Boolean), [
    1,
    1,
    2,
    2,
    3,
    3,
  ]);
});

Deno.test("a waiting request cancelled before it ran gives back no turn: the next message still waits", async () => {
  const { connection, sent } = setup();
  // RUNNING_PER_CONNECTION (4) requests hold every turn; a fifth waits for one.
  for (let id = 1; id <= 5; id++) {
    connection.receive(`{"jsonrpc":"2.0","id":${id},"method":"test.wait"}`);
  }
  connection.receive(
    '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":5}}',
  );
  assert.equal(connection.inflight, 4, "the fifth ended unrun");
  // Had its end freed a turn it never took, this one would be answered before receive returns.
  connection.receive('{"jsonrpc":"2.0","id":6,"method":"test.echo","params":{"text":"later"}}');
  assert.deepEqual(sent, []);
  connection.close("connection closed");
  await connection.settled();
  assert.ok(
    !sent.some((message) => (message as { id?: unknown }).id === 5),
    "cancelled: no answer",
  );
});
