/**
 * A connection's turns: a few messages run at once, the rest wait in arrival order, the in-flight
 * cap still bounds what waits, a waiting request keeps its id and can be cancelled before it runs.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import type { Handler } from "../rpc/handler.ts";
import {
  heldRequests,
  type LoopContext,
  notedRequests,
  openLoopConnection,
  waitForCancel,
} from "./testing.ts";
import { RUNNING_PER_CONNECTION } from "./turns.ts";
import { awayFromTurn } from "../../turn_away.ts";

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

const order: string[] = [];
/** Ends each `test.hold` request still running, oldest first. */
const { hold, holding } = heldRequests();
const noted = notedRequests((n) => order.push(`ran ${n}`));

/** Ends each `test.away` request's wait, oldest first. */
const awaiting: Array<() => void> = [];
const away: Handler<LoopContext, z.ZodObject<Record<string, never>>, object> = {
  method: "test.away",
  description: "Waits elsewhere (as on the model) until the test lets it",
  params: z.strictObject({}),
  handle: async () => {
    await awayFromTurn(() => new Promise<void>((resolve) => awaiting.push(resolve)));
    return {};
  },
};

function setup(maxInflight: number) {
  return openLoopConnection({ handlers: [waitForCancel, noted, hold, away], maxInflight });
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

Deno.test("a notifications/cancelled takes a request still waiting for its turn out: it never runs, nor is answered", async () => {
  const { connection, sent } = setup(RUNNING_PER_CONNECTION + 3);
  order.length = 0;
  for (let id = 1; id <= RUNNING_PER_CONNECTION; id++) connection.receive(request(id, "test.hold"));
  connection.receive(request(11, "test.noted", { n: 11 }));
  connection.receive(request(12, "test.noted", { n: 12 }));
  assert.equal(connection.inflight, RUNNING_PER_CONNECTION + 2);
  connection.receive(cancel(11));
  assert.equal(connection.inflight, RUNNING_PER_CONNECTION + 1, "dropped from the queue at once");
  for (const end of holding.splice(0)) end();
  await connection.settled();
  assert.deepEqual(order, ["ran 12"], "the cancelled request never ran");
  assert.ok(!sent.some((reply) => reply.id === 11), "MCP: a cancelled request gets no answer");
  assert.ok(sent.some((reply) => reply.id === 12));
  // Its id is free again: a new request may take it.
  connection.receive(request(11, "test.noted", { n: 111 }));
  await connection.settled();
  assert.deepEqual(order, ["ran 12", "ran 111"]);
  connection.close("test over");
});

Deno.test("a cancel takes one request out of a batch waiting for its turn; the others run and are answered", async () => {
  const { connection, sent } = setup(RUNNING_PER_CONNECTION + 3);
  order.length = 0;
  for (let id = 1; id <= RUNNING_PER_CONNECTION; id++) connection.receive(request(id, "test.hold"));
  const batch = [11, 12].map((n) => ({
    jsonrpc: "2.0",
    id: n,
    method: "test.noted",
    params: { n },
  }));
  connection.receive(JSON.stringify(batch));
  connection.receive(cancel(11));
  for (const end of holding.splice(0)) end();
  await connection.settled();
  assert.deepEqual(order, ["ran 12"]);
  const reply = sent.find(Array.isArray) as unknown as Array<{ id: number }>;
  assert.deepEqual(reply.map((item) => item.id), [12]);
  connection.close("test over");
});

Deno.test("a request waiting elsewhere gives its turn back, except the one that arrived on an idle connection", async () => {
  const { connection, sent } = setup(RUNNING_PER_CONNECTION + 6);
  order.length = 0;
  // Alone on the connection: it runs without its claim in context and keeps its turn.
  connection.receive(request(1, "test.away"));
  // Not alone: each gives its turn back while it waits.
  for (let id = 2; id <= RUNNING_PER_CONNECTION + 1; id++) {
    connection.receive(request(id, "test.away"));
  }
  await macrotask();
  connection.receive(request(11, "test.noted", { n: 11 }));
  assert.deepEqual(order, ["ran 11"], "four requests waiting elsewhere hold no turn");
  for (let id = 12; id < 12 + RUNNING_PER_CONNECTION - 1; id++) {
    connection.receive(request(id, "test.hold"));
  }
  connection.receive(request(21, "test.noted", { n: 21 }));
  assert.deepEqual(order, ["ran 11"], "the idle connection's first request still holds its turn");
  for (const end of [...awaiting.splice(0), ...holding.splice(0)]) end();
  await connection.settled();
  assert.deepEqual(order, ["ran 11", "ran 21"]);
  assert.equal(sent.length, 2 * RUNNING_PER_CONNECTION + 2);
  connection.close("test over");
});

Deno.test("a request that came alone keeps its turn counted: the next ones fill the rest, later ones wait, and its end hands one turn to the oldest waiting", async () => {
  const { connection, sent } = setup(RUNNING_PER_CONNECTION + 3);
  order.length = 0;
  // Alone on an idle connection (the fast path, no claim), and awaiting its handler.
  connection.receive(request(1, "test.hold"));
  await macrotask();
  // The second, third (and fourth) arrive while it runs: they take the turns left.
  for (let id = 2; id <= RUNNING_PER_CONNECTION; id++) connection.receive(request(id, "test.hold"));
  assert.equal(holding.length, RUNNING_PER_CONNECTION, "the turns left run at once");
  connection.receive(request(11, "test.hold"));
  connection.receive(request(12, "test.noted", { n: 12 }));
  assert.equal(holding.length, RUNNING_PER_CONNECTION, "the first one's turn is counted: 11 waits");
  holding.shift()!(); // the one that came alone ends
  for (let hops = 0; hops < 20 && holding.length < RUNNING_PER_CONNECTION; hops++) {
    await macrotask();
  }
  await macrotask();
  assert.equal(holding.length, RUNNING_PER_CONNECTION, "its turn went to the oldest waiting (11)");
  assert.deepEqual(order, [], "and only one turn: 12 still waits");
  assert.deepEqual(sent.map((reply) => reply.id), [1]);
  holding.shift()!();
  for (let hops = 0; hops < 20 && order.length < 1; hops++) await macrotask();
  assert.deepEqual(order, ["ran 12"]);
  for (const end of holding.splice(0)) end();
  await connection.settled();
  // Every turn came back once, no more: the limit holds again from an idle connection.
  for (let id = 21; id < 21 + RUNNING_PER_CONNECTION; id++) {
    connection.receive(request(id, "test.hold"));
  }
  connection.receive(request(31, "test.noted", { n: 31 }));
  assert.deepEqual(order, ["ran 12"], "past the turns it waits, as on a new connection");
  for (const end of holding.splice(0)) end();
  await connection.settled();
  assert.deepEqual(order, ["ran 12", "ran 31"]);
  connection.close("test over");
});
