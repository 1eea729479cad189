/**
 * `Turns` alone: a few messages run at once, the rest wait in arrival order and start on a later
 * macrotask, a cancel never waits; a claim gives its turn back while it waits elsewhere and takes
 * one again, before the messages still waiting, or past the limit once the turns stall. The
 * connection's side is turns_connection_test.ts.
 */
import assert from "node:assert/strict";
import type { Claim } from "./claim.ts";
import { RUNNING_PER_CONNECTION, TURN_STALL_MS, Turns } from "./turns.ts";

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

Deno.test("RUNNING_PER_CONNECTION is 4", () => {
  assert.equal(RUNNING_PER_CONNECTION, 4);
});

/** A waiting message that notes when it starts (holding its claim) or is dropped. */
function waiting(notes: { started: number[]; dropped: number[] }, n: number, claims?: Claim[]) {
  return {
    start: (claim: Claim) => {
      notes.started.push(n);
      claims?.push(claim);
    },
    drop: () => void notes.dropped.push(n),
    ids: [n],
  };
}

Deno.test("Turns: a message that entered alone holds a turn the next ones count; its free hands it to the oldest waiting", async () => {
  const turns = new Turns(2);
  const notes = { started: [] as number[], dropped: [] as number[] };
  turns.enterAlone();
  assert.equal(turns.running, 1);
  const second = turns.enter(false);
  assert.ok(second !== undefined, "the second takes the turn left");
  assert.equal(turns.enter(false), undefined, "the third waits: the first one's turn is counted");
  for (const n of [3, 4]) turns.wait(waiting(notes, n));
  turns.free(); // the message that entered alone ends
  await macrotask();
  assert.deepEqual(notes.started, [3], "one turn came free, for the oldest waiting");
  assert.equal(turns.running, 2);
  second.end();
  await macrotask();
  assert.deepEqual(notes.started, [3, 4]);
});

Deno.test("Turns: past the limit messages wait, then start in order on a later macrotask", async () => {
  const turns = new Turns(2);
  const notes = { started: [] as number[], dropped: [] as number[] };
  const first = [turns.enter(false)!, turns.enter(false)!];
  assert.ok(first.every((claim) => claim !== undefined), "messages 1 and 2 start in place");
  assert.equal(turns.enter(false), undefined, "a third waits");
  for (const n of [3, 4]) turns.wait(waiting(notes, n));
  first[0]!.end();
  assert.deepEqual(notes.started, [], "not in the same turn of the event loop");
  await macrotask();
  assert.deepEqual(notes.started, [3]);
  assert.equal(turns.enter(false), undefined, "a newcomer does not pass the one still waiting");
  first[1]!.end();
  await macrotask();
  assert.deepEqual(notes.started, [3, 4]);
  assert.equal(turns.queued, 2);
  assert.ok(turns.enter(true), "an urgent message (a cancel) never waits");
  assert.equal(turns.running, 3);
});

Deno.test("Turns: closing drops the waiting messages", () => {
  const turns = new Turns(1);
  turns.enter(false);
  const notes = { started: [] as number[], dropped: [] as number[] };
  for (const n of [1, 2]) turns.wait(waiting(notes, n));
  turns.close();
  turns.wait(waiting(notes, 3));
  assert.deepEqual(notes.dropped, [1, 2, 3]);
  assert.deepEqual(notes.started, []);
  assert.equal(turns.waiting, 0);
});

Deno.test("Turns: a claim that leaves gives its turn to a waiting message; coming back it goes before the messages still waiting", async () => {
  const turns = new Turns(1);
  const notes = { started: [] as number[], dropped: [] as number[] };
  const claims: Claim[] = [];
  const first = turns.enter(false)!;
  turns.wait(waiting(notes, 2, claims));
  turns.wait(waiting(notes, 3, claims));
  first.leave();
  assert.equal(turns.running, 0, "away, it holds no turn");
  await macrotask();
  assert.deepEqual(notes.started, [2], "its turn went to the first waiting message");
  const back = first.back();
  assert.ok(back instanceof Promise, "every turn is held: it waits");
  assert.equal(first.back(), back, "another flow of the same request waits for the same turn");
  let resumed = false;
  back.then(() => resumed = true);
  claims[0]!.end();
  for (let hops = 0; hops < 5 && !resumed; hops++) await macrotask();
  assert.ok(resumed);
  assert.deepEqual(notes.started, [2], "message 3 still waits: the one coming back went first");
  assert.equal(turns.running, 1);
  first.end();
  for (let hops = 0; hops < 5 && notes.started.length < 2; hops++) await macrotask();
  assert.deepEqual(notes.started, [2, 3]);
  claims[1]!.end();
  assert.equal(turns.running, 0);
  assert.equal(turns.stalls, 0);
});

Deno.test("Turns: coming back with a free turn and nobody before it goes on at once", () => {
  const turns = new Turns(2);
  const claim = turns.enter(false)!;
  claim.leave();
  claim.leave();
  assert.equal(turns.running, 0, "a second leave gives nothing back twice");
  assert.equal(claim.back(), undefined);
  assert.equal(claim.back(), undefined, "held again: nothing to take");
  assert.equal(turns.running, 1);
  claim.end();
  claim.end();
  assert.equal(turns.running, 0, "an ended claim gives its turn back once");
});

/** Turns that count the stalls reported to them. */
class ReportedTurns extends Turns {
  reported = 0;
  protected override stalled(): void {
    this.reported++;
  }
}

Deno.test("Turns: TURN_STALL_MS is 250; a request coming back while every turn stays held goes on past the limit after it", async () => {
  assert.equal(TURN_STALL_MS, 250);
  const turns = new ReportedTurns(1);
  const away = turns.enter(false)!;
  away.leave();
  // The one holding the turn now waits on something the one away holds (an in-process lock):
  // it never ends, and without the stall the request coming back would wait for ever.
  const holder = turns.enter(false)!;
  let resumed = false;
  away.back()!.then(() => resumed = true);
  for (let polls = 0; !resumed; polls++) {
    assert.ok(polls < 100, "the request coming back never went on");
    await new Promise((resolve) => setTimeout(resolve, TURN_STALL_MS / 5));
  }
  assert.equal(turns.stalls, 1);
  assert.equal(turns.reported, 1, "the stall is reported (the connection logs it)");
  assert.equal(turns.running, 2, "one past the limit");
  away.end();
  holder.end();
  assert.equal(turns.running, 0);
});

Deno.test("Turns: a claim ended while it comes back lets its flow go on; closing lets every one coming back go on", async () => {
  const turns = new Turns(1);
  const a = turns.enter(false)!;
  const b = turns.enter(true)!;
  a.leave();
  const waitingA = a.back()!;
  a.end();
  await waitingA;
  assert.equal(turns.returning, 0);
  const c = turns.enter(true)!;
  c.leave();
  const waitingC = c.back()!;
  assert.equal(turns.returning, 1);
  turns.close();
  await waitingC;
  assert.equal(turns.returning, 0);
  b.end();
  c.end();
});
