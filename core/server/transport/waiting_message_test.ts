/**
 * `WaitingMessage` and `MessageTurns` alone (mut59): a cancel takes one request out of a waiting
 * message and uncounts exactly what it took, a message left empty is dropped as cancelled, and a
 * message dropped at a shutdown is refused -32008 while one dropped otherwise gets no answer.
 */
import assert from "node:assert/strict";
import type { DispatchReply } from "../rpc/dispatcher_options.ts";
import { RpcCode } from "../rpc/wire_errors.ts";
import type { Claim } from "./claim.ts";
import {
  cancelledRequestId,
  MessageTurns,
  type MessageTurnsHost,
  WaitingMessage,
  type WaitingRoutes,
} from "./waiting_message.ts";

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

const call = (id: number) => ({ jsonrpc: "2.0", id, method: "test.noted", params: {} });

Deno.test("cancelledRequestId reads params.requestId; no params, null or a non-object names none", () => {
  assert.equal(cancelledRequestId({ params: { requestId: 7 } }), 7);
  assert.equal(cancelledRequestId({ params: { requestId: "a" } }), "a");
  assert.equal(cancelledRequestId({}), undefined);
  assert.equal(cancelledRequestId({ params: null }), undefined);
  assert.equal(cancelledRequestId({ params: "x" }), undefined);
  assert.equal(cancelledRequestId({ params: 3 }), undefined);
  assert.equal(cancelledRequestId({ params: {} }), undefined);
});

/** Routes noting what started and what was dropped, and why. */
function routes() {
  const notes = { started: [] as unknown[], dropped: [] as string[] };
  const value: WaitingRoutes = {
    start: (message) => void notes.started.push(message.value),
    drop: (_message, why) => void notes.dropped.push(why),
  };
  return { notes, value };
}

Deno.test("WaitingMessage: a batch costs less by each request cancelled; emptied, it is empty", () => {
  const { notes, value } = routes();
  const batch = new WaitingMessage([call(1), call(2), call(3)], 3, value);
  assert.equal(batch.cost, 3);
  assert.deepEqual(batch.ids, [1, 2, 3]);
  assert.equal(batch.without(9), false, "no request of that id");
  assert.equal(batch.without(undefined), false);
  assert.equal(batch.cost, 3);
  assert.equal(batch.without(2), true);
  assert.equal(batch.cost, 2);
  assert.deepEqual(batch.ids, [1, 3]);
  assert.deepEqual((batch.value as Array<{ id: number }>).map((item) => item.id), [1, 3]);
  assert.equal(batch.empty, false);
  assert.equal(batch.without(2), false, "taken out already");
  batch.without(1);
  batch.without(3);
  assert.equal(batch.cost, 0);
  assert.equal(batch.empty, true);
  batch.dropCancelled();
  batch.drop();
  assert.deepEqual(notes.dropped, ["cancelled", "closed"]);
  const single = new WaitingMessage(call(4), 1, value);
  assert.equal(single.empty, false);
  assert.equal(single.without(4), true);
  assert.equal(single.value, undefined);
  assert.deepEqual(single.ids, []);
  assert.equal(single.empty, true);
  assert.deepEqual(notes.started, []);
});

/** A host noting what the turns tell it; `stopping` says whether the server shuts down. */
function turnsHost(stopping: boolean) {
  const told = { ended: [] as number[], uncounted: [] as number[], stalls: 0 };
  const host: MessageTurnsHost = {
    endUnrun: (cost) => void told.ended.push(cost),
    uncount: (requests) => void told.uncounted.push(requests),
    stopping: () => stopping,
    stalled: () => void told.stalls++,
  };
  return { told, host };
}

/** Queues `value` on `turns`, noting its start and its dropped answer. */
function queued(turns: MessageTurns, value: unknown, cost: number) {
  const seen = { started: [] as Array<[unknown, number]>, dropped: [] as DispatchReply[] };
  const claims: Claim[] = [];
  turns.queue(value, cost, {
    start: (started, startedCost, claim) => {
      seen.started.push([started, startedCost]);
      claims.push(claim);
    },
    dropped: (answer) => void seen.dropped.push(answer),
  });
  return { seen, claims };
}

Deno.test("MessageTurns.cancel uncounts the requests taken out; a message left empty is dropped as cancelled", async () => {
  const { told, host } = turnsHost(false);
  const turns = new MessageTurns(host);
  const holder = turns.enter(false)!;
  for (let more = 1; more < 4; more++) turns.enter(false);
  const batch = queued(turns, [call(1), call(2), call(3)], 3);
  const single = queued(turns, call(4), 1);
  assert.equal(turns.cancel(9), false, "no waiting request has that id");
  assert.equal(turns.cancel(2), true);
  assert.deepEqual(told.uncounted, [1]);
  assert.equal(turns.waiting, 2, "the batch still waits with its other requests");
  assert.equal(turns.cancel(4), true);
  assert.deepEqual(
    told.uncounted,
    [1, 0],
    "a lone request is ended with its message, not uncounted",
  );
  assert.equal(turns.waiting, 1, "the emptied message left the queue");
  assert.deepEqual(told.ended, [1], "ended unrun at its cost");
  assert.deepEqual(single.seen.dropped, [undefined], "a cancelled request gets no answer");
  holder.end();
  await macrotask();
  assert.equal(batch.seen.started.length, 1);
  const [value, cost] = batch.seen.started[0]!;
  assert.deepEqual((value as Array<{ id: number }>).map((item) => item.id), [1, 3]);
  assert.equal(cost, 2, "it runs costing what is left");
});

Deno.test("MessageTurns: closed at a shutdown a waiting message is refused -32008; closed otherwise it gets no answer", () => {
  for (const stopping of [true, false]) {
    const { told, host } = turnsHost(stopping);
    const turns = new MessageTurns(host);
    for (let held = 0; held < 4; held++) turns.enter(false);
    const waiting = queued(turns, call(5), 1);
    turns.close();
    assert.deepEqual(told.ended, [1]);
    const [answer] = waiting.seen.dropped;
    if (stopping) {
      const reply = answer as { id: number; error: { code: number } };
      assert.equal(reply.id, 5);
      assert.equal(reply.error.code, RpcCode.ShuttingDown);
    } else assert.equal(answer, undefined);
  }
});

Deno.test("MessageTurns: a request cancelled while the server shuts down gets no answer, not -32008", () => {
  const { told, host } = turnsHost(true);
  const turns = new MessageTurns(host);
  for (let held = 0; held < 4; held++) turns.enter(false);
  const waiting = queued(turns, call(6), 1);
  assert.equal(turns.cancel(6), true);
  assert.deepEqual(told.ended, [1]);
  assert.deepEqual(waiting.seen.dropped, [undefined]);
});
