/** The turns under way stop by speaker, by member of one room, or by room, and only those. */
import assert from "node:assert/strict";
import { SpeakerGone, SpeakingTurns } from "./speaking.ts";

Deno.test("speaking turns stop by persona, by member and by room, each only its own", () => {
  const turns = new SpeakingTurns();
  const call = new AbortController();
  const a1 = turns.begin("r1", "a", call.signal);
  const b1 = turns.begin("r1", "b", call.signal);
  const a2 = turns.begin("r2", "a", call.signal);
  const c2 = turns.begin("r2", "c", call.signal);
  assert.equal(turns.stopMember("r1", "b"), 1);
  assert.ok(b1.stopped && b1.signal.aborted && b1.signal.reason instanceof SpeakerGone);
  assert.equal(turns.stopPersona("a"), 2);
  assert.ok(a1.stopped && a2.stopped && !c2.stopped);
  c2.end();
  assert.equal(turns.stopRoom("r2"), 0, "an ended turn is not stopped");
  assert.ok(!c2.signal.aborted);
});

Deno.test("a turn aborts with its call's signal, without being taken for stopped", () => {
  const turns = new SpeakingTurns();
  const call = new AbortController();
  const turn = turns.begin("r1", "a", call.signal);
  call.abort(new Error("client gone"));
  assert.ok(turn.signal.aborted && !turn.stopped);
  turn.end();
});
