/**
 * `Turns`' stall watch and its queue of requests coming back (mut59): a turn that came free
 * meanwhile is no stall; a claim ending leaves the others coming back still watched; the watch
 * ends once nothing comes back (no sanitizer sees a timer left set); a freed turn resumes one
 * request, not two. Some wait for TURN_STALL_MS to pass (they assert what happened, never how
 * long it took).
 */
import assert from "node:assert/strict";
import { TURN_STALL_MS, Turns } from "./turns.ts";
import { MessageTurns } from "./waiting_message.ts";
import { timeoutsLeft } from "../../../tests/_interval_spy.ts";

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));
const pastStall = () => new Promise((resolve) => setTimeout(resolve, TURN_STALL_MS * 1.5));

Deno.test("Turns: a turn that came free meanwhile is no stall; none coming free is one, reported", async () => {
  const told = { stalls: 0 };
  const turns = new MessageTurns({
    endUnrun: () => {},
    uncount: () => {},
    stopping: () => false,
    stalled: () => void told.stalls++,
  });
  const a = turns.enter(false)!;
  const b = turns.enter(true)!;
  a.leave();
  b.leave();
  // Every turn held (RUNNING_PER_CONNECTION of them), one more past them.
  const holders = [0, 1, 2, 3].map(() => turns.enter(true)!);
  const extra = turns.enter(true)!;
  a.back();
  b.back();
  assert.equal(turns.returning, 2);
  extra.end();
  await macrotask();
  assert.equal(turns.returning, 2, "the turn freed went to no one: the holder still runs");
  await pastStall();
  assert.equal(turns.stalls, 0, "a turn came free within TURN_STALL_MS: no stall");
  for (let polls = 0; turns.stalls === 0; polls++) {
    assert.ok(polls < 100, "no request went on past the limit");
    await new Promise((resolve) => setTimeout(resolve, TURN_STALL_MS / 5));
  }
  assert.equal(
    told.stalls,
    turns.stalls,
    "then none came free: it stalls, and the connection is told",
  );
  for (const claim of [a, b, ...holders]) claim.end();
  assert.equal(turns.returning, 0);
});

Deno.test("Turns: a freed turn resumes one request coming back, not two; a claim ending mid-queue leaves the rest", async () => {
  const turns = new Turns(1);
  const claims = [turns.enter(false)!, turns.enter(true)!, turns.enter(true)!];
  for (const claim of claims) claim.leave();
  const holder = turns.enter(false)!;
  const resumed: number[] = [];
  claims.forEach((claim, n) => claim.back()!.then(() => resumed.push(n)));
  assert.equal(turns.returning, 3);
  claims[0]!.end();
  assert.equal(turns.returning, 2, "only the ended one left the queue");
  await macrotask();
  assert.deepEqual(resumed, [0], "the ended one's flow goes on");
  holder.end();
  for (let hops = 0; hops < 5 && resumed.length === 1; hops++) await macrotask();
  assert.deepEqual(resumed, [0, 1], "one resumed, in order");
  assert.equal(turns.running, 1);
  assert.equal(turns.returning, 1);
  claims[1]!.end();
  for (let hops = 0; hops < 5 && resumed.length < 3; hops++) await macrotask();
  assert.deepEqual(resumed, [0, 1, 2]);
  claims[2]!.end();
  assert.equal(turns.running, 0);
});

Deno.test("Turns: a claim ending while others come back leaves them watched: one goes on past the stall", async () => {
  const turns = new Turns(1);
  const a = turns.enter(false)!;
  const b = turns.enter(true)!;
  a.leave();
  b.leave();
  // The holder never ends while the test waits (as one blocked on what a request coming back holds).
  const holder = turns.enter(false)!;
  let aResumed = false;
  a.back()!.then(() => aResumed = true);
  const bBack = b.back()!;
  b.end();
  await bBack;
  assert.equal(turns.returning, 1);
  await pastStall();
  assert.ok(aResumed, "the stall watch went on for the one left");
  assert.equal(turns.stalls, 1);
  a.end();
  holder.end();
});

/**
 * One turn (`Turns(1)`) and `count` claims that left it (past the first, urgent ones, so that
 * they enter while it is held), then a `holder` taking the turn, then each claim asking it back
 * (`backs`, in order): every one waits, coming back.
 */
function comingBack(count: number) {
  const turns = new Turns(1);
  const claims = Array.from({ length: count }, (_, n) => turns.enter(n > 0)!);
  for (const claim of claims) claim.leave();
  const holder = turns.enter(false)!;
  const backs = claims.map((claim) => claim.back()!);
  return { turns, claims, holder, backs };
}

Deno.test("Turns: the stall watch ends once nothing comes back: its claims ended, or the turns closed", async () => {
  const ended = await timeoutsLeft(async () => {
    const { claims, holder, backs } = comingBack(2);
    for (const claim of claims) claim.end();
    await Promise.all(backs);
    holder.end();
  }, TURN_STALL_MS);
  assert.equal(ended, 0, "its claims ended");
  const closed = await timeoutsLeft(async () => {
    const { turns, claims: [a], holder, backs: [back] } = comingBack(1);
    turns.close();
    await back;
    a!.end();
    holder.end();
  }, TURN_STALL_MS);
  assert.equal(closed, 0, "the turns closed");
});

/** Waits until `turns` let `count` requests go on past the limit. */
async function stalled(turns: Turns, count: number): Promise<void> {
  for (let polls = 0; turns.stalls < count; polls++) {
    assert.ok(polls < 100, `only ${turns.stalls} of ${count} stalls`);
    await new Promise((resolve) => setTimeout(resolve, TURN_STALL_MS / 5));
  }
}

Deno.test("Turns: the stall watch goes on for the ones still coming back, after a freed turn or a stall, then ends", async () => {
  const left = await timeoutsLeft(async () => {
    const { turns, claims, holder, backs } = comingBack(3);
    holder.end();
    await backs[0];
    assert.equal(turns.returning, 2, "the freed turn resumed one");
    // The one resumed now holds its turn for good: the others go on only past the limit.
    await stalled(turns, 2);
    await Promise.all(backs);
    assert.equal(turns.returning, 0);
    for (const claim of claims) claim.end();
  }, TURN_STALL_MS);
  assert.equal(left, 0, "no watch left once nothing comes back");
});

Deno.test("Turns: a watch ended early is set again for the next request coming back", async () => {
  const { turns, claims: [a], holder, backs: [aBack] } = comingBack(1);
  a!.end();
  await aBack;
  const b = turns.enter(true)!;
  b.leave();
  const bBack = b.back()!;
  await stalled(turns, 1);
  await bBack;
  b.end();
  holder.end();
});

Deno.test("Turns: a freed turn that resumes the last request coming back ends the watch", async () => {
  const left = await timeoutsLeft(async () => {
    const { turns, claims: [a], holder, backs: [back] } = comingBack(1);
    holder.end();
    await back;
    assert.equal(turns.returning, 0);
    a!.end();
  }, TURN_STALL_MS);
  assert.equal(left, 0);
});

Deno.test("Turns: a freed turn that resumes one of two coming back leaves the other watched", async () => {
  const { turns, claims, holder, backs } = comingBack(2);
  holder.end();
  await backs[0];
  assert.equal(turns.returning, 1);
  await stalled(turns, 1);
  await backs[1];
  for (const claim of claims) claim.end();
});
