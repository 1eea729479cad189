import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { type LeaveLane, PREPARE_WIDTH, PrepareLane } from "./prepare_lane.ts";

/** Lets every pending microtask settle (no macrotask runs meanwhile). */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** One turn of the event loop: the lane's pass (a macrotask) has run. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Enters `lane` `count` times; `places[i]` is set once the i-th entry has its place. */
function enterMany(lane: PrepareLane, count: number, signal?: AbortSignal) {
  const places: (LeaveLane | undefined)[] = new Array(count).fill(undefined);
  for (let i = 0; i < count; i++) {
    lane.enter(signal).then((leave) => (places[i] = leave));
  }
  return places;
}

Deno.test("PREPARE_WIDTH is eight places", () => {
  assert.equal(PREPARE_WIDTH, 8);
});

Deno.test("PrepareLane lets the first PREPARE_WIDTH chats in at once and holds the next", async () => {
  const lane = new PrepareLane();
  const places = enterMany(lane, PREPARE_WIDTH + 1);
  await microtasks();
  assert.equal(places.filter(Boolean).length, PREPARE_WIDTH);
  assert.equal(places[PREPARE_WIDTH], undefined);
  assert.equal(lane.waiting, 1);
  await macrotask();
  assert.equal(places[PREPARE_WIDTH], undefined, "no place freed: it still waits");
});

Deno.test("PrepareLane lets a waiting chat in after a macrotask, not within the run that freed its place", async () => {
  const lane = new PrepareLane(2);
  const places = enterMany(lane, 3);
  await microtasks();
  places[0]!();
  await microtasks();
  assert.equal(places[2], undefined, "the freed place waits for a turn of the event loop");
  await macrotask();
  assert.ok(places[2]);
  assert.equal(lane.waiting, 0);
});

Deno.test("PrepareLane lets in together all the waiting that fit, first come first", async () => {
  const lane = new PrepareLane(3);
  const places = enterMany(lane, 7);
  await microtasks();
  places[0]!();
  places[1]!();
  places[2]!();
  await macrotask();
  assert.deepEqual(places.map(Boolean), [true, true, true, true, true, true, false]);
  places[4]!();
  await macrotask();
  assert.ok(places[6]);
});

Deno.test("PrepareLane: a newcomer queues behind the waiting even while a place is free", async () => {
  const lane = new PrepareLane(1);
  const places = enterMany(lane, 2);
  await microtasks();
  places[0]!();
  // The place is free but the second chat's pass is pending: the newcomer comes after it.
  const late = enterMany(lane, 1);
  await microtasks();
  assert.equal(late[0], undefined);
  await macrotask();
  assert.ok(places[1]);
  assert.equal(late[0], undefined);
  places[1]!();
  await macrotask();
  assert.ok(late[0]);
});

Deno.test("PrepareLane: leaving twice frees one place", async () => {
  const lane = new PrepareLane(1);
  const places = enterMany(lane, 3);
  await microtasks();
  places[0]!();
  places[0]!();
  await macrotask();
  assert.ok(places[1]);
  assert.equal(places[2], undefined);
});

Deno.test("PrepareLane: a waiting chat whose signal aborts leaves the line without a place", async () => {
  const lane = new PrepareLane(1);
  const first = enterMany(lane, 1);
  const aborted = new AbortController();
  const gone = enterMany(lane, 1, aborted.signal);
  const next = enterMany(lane, 1);
  await microtasks();
  aborted.abort();
  await microtasks();
  assert.ok(gone[0], "the aborted chat's enter resolves at once");
  assert.equal(lane.waiting, 1);
  gone[0]!();
  await macrotask();
  assert.equal(next[0], undefined, "its leave frees no place");
  first[0]!();
  await macrotask();
  assert.ok(next[0]);
});
