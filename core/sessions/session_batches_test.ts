/**
 * `Session.waitingInBatch` (mutation testing, session 44): a batch's requests not started yet
 * are reached by the session's cancels and count as ids in use only until the batch says it has
 * started them all, each batch on its own.
 */
import assert from "node:assert/strict";
import { type RequestId, Session, type UnstartedRequests } from "./session.ts";

/** A batch whose requests `ids` never start; it notes the cancels it is given, and their `reply`. */
function unstarted(ids: RequestId[]): UnstartedRequests & { cancels: string[] } {
  const cancels: string[] = [];
  return {
    cancels,
    cancel: (requestId, reply) => {
      if (!ids.includes(requestId)) return false;
      cancels.push(`${requestId} ${reply ? "answered" : "unanswered"}`);
      return true;
    },
    ids: () => [...ids],
  };
}

Deno.test("waitingInBatch: a batch's unstarted ids are in use and cancelled until it lets go", () => {
  const session = new Session("websocket");
  const batch = unstarted([1, "two"]);
  const started = session.waitingInBatch(batch);
  assert.deepEqual(session.idsInUse(), [1, "two"]);
  assert.equal(session.cancel(1, "stop", { reply: false }), true);
  assert.deepEqual(batch.cancels, ["1 unanswered"]);
  started();
  assert.deepEqual(session.idsInUse(), []);
  assert.equal(session.cancel("two", "stop"), false);
  assert.deepEqual(batch.cancels, ["1 unanswered"]);
});

Deno.test("waitingInBatch: one batch letting go leaves the others' requests reached", () => {
  const session = new Session("websocket");
  const first = unstarted([1]);
  const second = unstarted([2]);
  const third = unstarted([3]);
  const firstStarted = session.waitingInBatch(first);
  const secondStarted = session.waitingInBatch(second);
  session.waitingInBatch(third);
  firstStarted();
  assert.deepEqual(session.idsInUse(), [2, 3]);
  secondStarted();
  assert.deepEqual(session.idsInUse(), [3]);
  assert.equal(session.cancel(3, "stop"), true);
  assert.deepEqual(third.cancels, ["3 answered"]);
});

Deno.test("usesIds: true while a request is tracked or a batch holds unstarted ids, false after", () => {
  const session = new Session("websocket");
  assert.equal(session.usesIds, false);
  const started = session.waitingInBatch(unstarted([3]));
  assert.equal(session.usesIds, true, "a batch's unstarted ids, nothing tracked");
  started();
  assert.equal(session.usesIds, false);
  const tracked = session.track(4);
  assert.equal(session.usesIds, true);
  session.untrack(tracked);
  assert.equal(session.usesIds, false);
});
