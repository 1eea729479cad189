/**
 * `InFlight` alone: a connection's count of messages and requests, its limits, who waits for none
 * to be left, and turns made only when needed and let go at rest. The connection's side is
 * connection_test.ts, turns_connection_test.ts and connection_memory_test.ts.
 */
import assert from "node:assert/strict";
import { testConfig } from "../../../tests/_helpers.ts";
import { RpcCode } from "../rpc/wire_errors.ts";
import { connectionOptions } from "./connection_options.ts";
import { InFlight } from "./in_flight.ts";
import type { MessageTurnsHost } from "./waiting_message.ts";

const options = connectionOptions(testConfig({}));

/** A turns host that notes the requests given back unrun. */
function host(notes: string[] = []): MessageTurnsHost {
  return {
    endUnrun: (cost) => void notes.push(`endUnrun ${cost}`),
    uncount: (requests) => void notes.push(`uncount ${requests}`),
    stopping: () => false,
    stalled: () => {},
  };
}

const request = (id: number) => ({ jsonrpc: "2.0", id, method: "ping" });

Deno.test("InFlight counts messages and their requests; settled resolves when the last one ends, not before", async () => {
  const inFlight = new InFlight(options);
  let settled = false;
  inFlight.beginAlone(1);
  inFlight.begin(3); // a batch of three
  assert.deepEqual([inFlight.messages, inFlight.running], [2, 4]);
  const waiting = inFlight.settled().then(() => settled = true);
  assert.equal(inFlight.finish(3), false, "a message is left");
  await Promise.resolve();
  assert.equal(settled, false);
  assert.equal(inFlight.end(1, undefined), true, "none left");
  await waiting;
  assert.deepEqual([inFlight.messages, inFlight.running, settled], [0, 0, true]);
});

Deno.test("InFlight.alone is true only while one message is in flight", () => {
  const inFlight = new InFlight(options);
  inFlight.beginAlone(1);
  assert.equal(inFlight.alone, true);
  inFlight.begin(1);
  assert.equal(inFlight.alone, false);
});

Deno.test("InFlight makes no turns for messages that come alone", () => {
  const inFlight = new InFlight(options);
  for (let i = 0; i < 3; i++) {
    inFlight.beginAlone(1);
    inFlight.end(1, undefined);
  }
  assert.equal(inFlight.madeTurns, undefined);
  assert.equal(inFlight.cancelWaiting(1), false, "nothing waits: no turns made for the check");
});

Deno.test("InFlight's turns made while a message runs alone count its turn; its end frees it there", () => {
  const inFlight = new InFlight(options);
  inFlight.beginAlone(1);
  const turns = inFlight.makeTurns(host());
  assert.equal(turns.running, 1, "the alone message's turn");
  inFlight.end(1, undefined);
  assert.equal(turns.running, 0);
});

Deno.test("InFlight lets its turns go once no message is left and they rest, and keeps closed ones", () => {
  const inFlight = new InFlight(options);
  inFlight.beginAlone(1);
  const turns = inFlight.makeTurns(host());
  inFlight.begin(1);
  const claim = turns.enter(false)!;
  inFlight.end(1, claim);
  assert.equal(inFlight.madeTurns, turns, "a message is left: the turns are kept");
  inFlight.end(1, undefined);
  assert.equal(inFlight.madeTurns, undefined, "let go at rest");

  const closed = inFlight.makeTurns(host());
  closed.close();
  inFlight.beginAlone(1);
  inFlight.end(1, undefined);
  assert.equal(inFlight.madeTurns, closed, "closed turns are kept: a later message is refused");
});

Deno.test("InFlight's ids in use add those of messages waiting for a turn to the session's", () => {
  const inFlight = new InFlight(options);
  const session = { idsInUse: () => [1] } as Parameters<InFlight["idsInUse"]>[0];
  assert.deepEqual([...inFlight.idsInUse(session)], [1]);
  const turns = inFlight.makeTurns(host());
  for (let i = 0; i < 4; i++) turns.enter(false);
  turns.queue(request(7), 1, { start: () => {}, dropped: () => {} });
  assert.deepEqual([...inFlight.idsInUse(session)], [1, 7]);
});

Deno.test("InFlight's refusal reads its own state: stopping refuses -32008, over maxInflight -32006", () => {
  const inFlight = new InFlight({ ...options, maxInflight: 2 });
  assert.equal(inFlight.refusal(request(1)), null);
  inFlight.begin(2);
  const busy = inFlight.refusal(request(2)) as { error: { code: number } };
  assert.equal(busy.error.code, RpcCode.RateLimited);
  inFlight.stopping = true;
  const stopping = inFlight.refusal(request(3)) as { error: { code: number } };
  assert.equal(stopping.error.code, RpcCode.ShuttingDown);
});

Deno.test("InFlight has a rate bucket only when the rate is limited", () => {
  assert.equal(new InFlight({ ...options, rate: { perSecond: 0, burst: 0 } }).bucket, undefined);
  assert.ok(new InFlight({ ...options, rate: { perSecond: 5, burst: 5 } }).bucket !== undefined);
});
