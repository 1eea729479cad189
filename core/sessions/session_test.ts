import assert from "node:assert/strict";
import { CancelRequest, Session } from "./session.ts";

Deno.test("a session's in-flight list, let go by its last request, tracks, cancels and closes again", () => {
  const session = new Session("websocket");
  for (let round = 0; round < 3; round++) {
    assert.equal(session.busy, false);
    const a = session.track(1);
    const b = session.track("1");
    const c = session.track(undefined);
    assert.equal(session.busy, true);
    assert.deepEqual(session.inflightIds().sort(), [1, "1"].sort());
    assert.equal(session.cancel(1), true, '1 and "1" differ');
    assert.ok(a.signal.reason instanceof CancelRequest);
    assert.equal(b.signal.aborted, false);
    session.untrack(a);
    assert.deepEqual(session.inflightIds(), ["1"]);
    session.untrack(c);
    session.untrack(c);
    assert.deepEqual(session.inflightIds(), ["1"], "untracking twice removes nothing more");
    session.untrack(b);
    assert.equal(session.cancel("1"), false, "nothing left to cancel");
  }
  const open = session.track(7);
  session.close("gone");
  assert.equal(open.signal.aborted, true);
  assert.equal(session.busy, false);
  assert.equal(session.track(8).signal.aborted, true, "a closed session aborts new requests");
});

Deno.test("a request leaving from the middle of the list leaves the others' ids in place", () => {
  const session = new Session("websocket");
  const controllers = [1, 2, 3, 4].map((id) => session.track(id));
  session.untrack(controllers[1]!);
  assert.deepEqual(session.inflightIds().sort(), [1, 3, 4]);
  session.cancel(4);
  assert.equal(controllers[3]!.signal.aborted, true);
  assert.equal(controllers[2]!.signal.aborted, false);
});

Deno.test("connectedAt is the opening time, a Date of its own at each read", () => {
  const session = new Session("websocket", 1_700_000_000_123);
  assert.equal(session.connectedAt.toISOString(), "2023-11-14T22:13:20.123Z");
  session.connectedAt.setTime(0);
  assert.equal(session.connectedAt.getTime(), 1_700_000_000_123, "a caller cannot move it");
});
