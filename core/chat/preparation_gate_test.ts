import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { PreparationGate, PREPARING_AT_ONCE } from "./preparation_gate.ts";

/** Resolves after the immediates queued so far have run. */
function afterImmediates(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Whether `promise` has settled by the end of this run of microtasks. */
async function settledNow(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(() => (settled = true));
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return settled;
}

Deno.test("sixteen chats prepare at once by default", async () => {
  assert.equal(PREPARING_AT_ONCE, 16);
  const gate = new PreparationGate();
  for (let i = 0; i < 16; i++) assert.equal(await settledNow(gate.enter()), true, `chat ${i}`);
  assert.equal(await settledNow(gate.enter()), false, "the seventeenth waits");
  assert.equal(gate.waiting, 1);
});

Deno.test("a gate needs a whole number of slots, at least one", () => {
  for (const limit of [0, -1, 1.5, Number.NaN, Infinity]) {
    assert.throws(() => new PreparationGate(limit), RangeError, String(limit));
  }
  assert.doesNotThrow(() => new PreparationGate(1));
});

Deno.test("a slot passes on after an immediate, not in the leaving chat's run", async () => {
  const gate = new PreparationGate(1);
  const leave = await gate.enter();
  const next = gate.enter();
  leave();
  // The leaving chat's model request is made in this run; the next chat starts after it.
  assert.equal(await settledNow(next), false);
  await afterImmediates();
  assert.equal(await settledNow(next), true);
  assert.equal(gate.waiting, 0);
});

Deno.test("waiting chats get their slots first come first served; a chat with a free slot starts at once", async () => {
  const gate = new PreparationGate(2);
  const order: string[] = [];
  const [a, b] = [await gate.enter(), await gate.enter()];
  const waiting = ["c", "d", "e"].map((name) =>
    gate.enter().then((leave) => {
      order.push(name);
      return leave;
    })
  );
  assert.equal(gate.waiting, 3);
  b();
  a();
  const [c, d] = await Promise.all(waiting.slice(0, 2));
  assert.deepEqual(order, ["c", "d"]);
  assert.equal(await settledNow(waiting[2]!), false, "both slots are c's and d's");
  c!();
  await waiting[2];
  assert.deepEqual(order, ["c", "d", "e"]);
  d!();
  (await waiting[2]!)();
  // Every slot free again: a newcomer does not wait.
  assert.equal(await settledNow(gate.enter()), true);
  assert.equal(await settledNow(gate.enter()), true);
  assert.equal(await settledNow(gate.enter()), false);
});

Deno.test("leaving twice frees one slot", async () => {
  const gate = new PreparationGate(1);
  const leave = await gate.enter();
  const second = gate.enter();
  const third = gate.enter();
  leave();
  leave();
  await afterImmediates();
  await afterImmediates();
  assert.equal(await settledNow(second), true);
  assert.equal(await settledNow(third), false, "the second holds the only slot");
});

Deno.test("a chat aborted while it waits leaves the line without a slot", async () => {
  const gate = new PreparationGate(1);
  const leave = await gate.enter();
  const abort = new AbortController();
  const aborted = gate.enter(abort.signal);
  const after = gate.enter();
  abort.abort();
  const none = await aborted;
  assert.equal(gate.waiting, 1, "only the chat behind it still waits");
  none();
  assert.equal(await settledNow(after), false, "leaving a slot it never had frees nothing");
  leave();
  await afterImmediates();
  assert.equal(await settledNow(after), true);
});

Deno.test("a chat already aborted takes no slot", async () => {
  const gate = new PreparationGate(1);
  const abort = new AbortController();
  abort.abort();
  (await gate.enter(abort.signal))();
  assert.equal(await settledNow(gate.enter()), true, "the one slot is still free");
});

Deno.test("a chat aborted once its slot is on the way keeps it, and leaving it passes it on", async () => {
  const gate = new PreparationGate(1);
  const leave = await gate.enter();
  const abort = new AbortController();
  const handed = gate.enter(abort.signal);
  const last = gate.enter();
  leave();
  // The slot is handed over (its immediate pending) when the abort comes.
  abort.abort();
  const slot = await handed;
  assert.equal(await settledNow(last), false);
  slot();
  await afterImmediates();
  assert.equal(await settledNow(last), true);
});
