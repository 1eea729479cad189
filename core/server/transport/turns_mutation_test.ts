/**
 * `Turns`' edges (mut59): at least one turn, `remove` of the first waiting message and of one not
 * there, `enter` behind a message waiting or a request coming back, a message queued while a turn
 * is free, and a request coming back whose claim ends (its stall watch ends with it).
 */
import assert from "node:assert/strict";
import type { Claim } from "./claim.ts";
import { Turns } from "./turns.ts";

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

function waiting(started: number[], n: number) {
  return { start: (_claim: Claim) => void started.push(n), drop: () => {}, ids: [n] };
}

Deno.test("Turns: a limit under 1 is one turn", () => {
  const turns = new Turns(0);
  const claim = turns.enter(false);
  assert.ok(claim, "one message runs");
  assert.equal(turns.enter(false), undefined, "a second waits");
  claim.end();
});

Deno.test("Turns.remove takes out the first waiting message, or says it is not there", () => {
  const turns = new Turns(1);
  const held = turns.enter(false)!;
  const started: number[] = [];
  const first = waiting(started, 1);
  const second = waiting(started, 2);
  turns.wait(first);
  turns.wait(second);
  assert.deepEqual(turns.waitingIds(), [1, 2]);
  assert.equal(turns.remove(first), true);
  assert.equal(turns.waiting, 1);
  assert.deepEqual(turns.waitingIds(), [2]);
  assert.equal(turns.remove(first), false, "taken out already");
  assert.equal(turns.waiting, 1);
  assert.equal(new Turns(1).remove(first), false, "nothing ever waited");
  held.end();
});

Deno.test("Turns.enter: a free turn is not taken past a message waiting, nor past a request coming back", async () => {
  const turns = new Turns(2);
  const started: number[] = [];
  const first = turns.enter(false)!;
  turns.wait(waiting(started, 1));
  assert.equal(turns.running, 1, "a turn is free");
  assert.equal(turns.enter(false), undefined, "one message waits before it");
  await macrotask();
  assert.deepEqual(started, [1], "queued with a turn free, it starts on a later macrotask");
  assert.equal(turns.running, 2);
  first.leave();
  const other = turns.enter(false)!;
  assert.ok(other, "the turn given back is free");
  const back = first.back();
  assert.ok(back instanceof Promise, "every turn held: it comes back in turn");
  assert.equal(turns.returning, 1);
  other.end();
  assert.equal(turns.running, 1);
  assert.equal(turns.enter(false), undefined, "a request coming back goes first");
  await back;
  assert.equal(turns.returning, 0);
  assert.equal(turns.running, 2);
});

Deno.test("Turns: a request coming back whose claim ends leaves the queue, first or later", async () => {
  const turns = new Turns(1);
  const a = turns.enter(false)!;
  const b = turns.enter(true)!;
  const c = turns.enter(true)!;
  a.leave();
  b.leave();
  assert.equal(turns.running, 1);
  const aBack = a.back()!;
  const bBack = b.back()!;
  assert.equal(turns.returning, 2);
  b.end();
  await bBack;
  assert.equal(turns.returning, 1, "the later one left");
  a.end();
  await aBack;
  assert.equal(turns.returning, 0, "the first one left");
  c.end();
  assert.equal(turns.running, 0);
  // With nothing left coming back, no stall watch runs on: the test ends with no timer left.
});

Deno.test("Claim.back(atOnce) goes on past the limit, and takes a queued claim out of the queue", () => {
  const turns = new Turns(1);
  const claim = turns.enter(false)!;
  claim.leave();
  const other = turns.enter(false)!;
  assert.equal(claim.back(true), undefined, "holds a connection: goes on at once");
  assert.equal(turns.running, 2, "counted past the limit");
  // Two flows of one request (a batch's workers): the first comes back and is queued, the second
  // comes back holding a connection, and the request goes on at once with both.
  claim.fork(1);
  claim.leave();
  claim.leave();
  assert.equal(turns.running, 1);
  const queued = claim.back();
  assert.ok(queued, "no turn free: queued");
  assert.equal(turns.returning, 1);
  assert.equal(claim.back(true), undefined);
  assert.equal(turns.returning, 0, "out of the queue");
  assert.equal(turns.running, 2);
  claim.end();
  other.end();
  assert.equal(turns.running, 0);
  return queued;
});
