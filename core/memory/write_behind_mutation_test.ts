/**
 * Boundaries of `write_behind.ts` the main tests leave open (mut62): one piece of follow-up work
 * per queue filling, and a settle that finds only a write under way still waits for it.
 */
import assert from "node:assert/strict";
import type { ExchangeRecord } from "../chat/memory_port.ts";
import type { Persona } from "../personas/mod.ts";
import { WriteBehind } from "./write_behind.ts";
import { ARIA, batchRecordingQueue, exchange, SILENT } from "./testing/write_behind_queue.ts";

/** Follow-up work that never gets its quiet moment: only settles and drains write. */
const NO_QUIET_MOMENT = () => new Promise<void>(() => {});

/** A store that records each stored exchange's message in `stored`. */
function storingInto(stored: string[]) {
  return (records: readonly ExchangeRecord[]) => {
    for (const record of records) stored.push(record.message);
    return Promise.resolve();
  };
}

/** A queue without quiet moments whose every write stays under way until `release`. */
function heldWrites() {
  let release!: () => void;
  const behind = new WriteBehind({
    store: () => new Promise<void>((resolve) => (release = resolve)),
    log: SILENT,
    later: NO_QUIET_MOMENT,
  });
  return { behind, release: () => release() };
}

/** Whether `promise` has ended once a write that is not held would have (one macrotask on). */
async function endedYet(promise: Promise<unknown>): Promise<boolean> {
  let ended = false;
  void promise.then(() => (ended = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return ended;
}

/** A queue without quiet moments whose store always fails, and the warnings it logs. */
function failingStore(personas?: { find(id: string): Promise<unknown> }) {
  const warnings: string[] = [];
  const behind = new WriteBehind({
    store: () => Promise.reject(new Error("disk full")),
    log: { warn: (message) => void warnings.push(message), debug: () => {} },
    later: NO_QUIET_MOMENT,
    personas,
  });
  return { behind, warnings };
}

Deno.test("write-behind asks for one piece of follow-up work per filling of the queue, not one per exchange", async () => {
  const pieces: Array<() => Promise<void>> = [];
  const stored: string[] = [];
  const behind = new WriteBehind({
    store: storingInto(stored),
    log: SILENT,
    later: (work) => void pieces.push(work),
  });
  for (const message of ["a", "b", "c"]) {
    behind.add({ exchange: exchange(message), sessionId: "s1" });
  }
  assert.equal(pieces.length, 1, "the first exchange asks; the second and third join its write");
  await pieces[0]!();
  assert.deepEqual(stored, ["a", "b", "c"]);
  // An empty queue asks again on its next exchange.
  behind.add({ exchange: exchange("d"), sessionId: "s1" });
  assert.equal(pieces.length, 2);
  await pieces[1]!();
  assert.deepEqual(stored, ["a", "b", "c", "d"]);
});

Deno.test("write-behind: a settle that finds nothing queued but a write under way waits for that write", async () => {
  let release!: () => void;
  const stored: string[] = [];
  const behind = new WriteBehind({
    store: async (records) => {
      await new Promise<void>((resolve) => (release = resolve));
      await storingInto(stored)(records);
    },
    log: SILENT,
    later: NO_QUIET_MOMENT,
  });
  behind.add({ exchange: exchange("under way"), sessionId: "s1" });
  const first = behind.settle();
  assert.equal(behind.queued, 0, "taken by the first settle");
  const second = behind.settle(ARIA.id);
  assert.equal(await endedYet(second), false, "the write under way holds Aria's exchange");
  release();
  await Promise.all([first, second]);
  assert.deepEqual(stored, ["under way"]);
});

Deno.test("write-behind stores two queued exchanges in one insert", async () => {
  const { behind, batches } = batchRecordingQueue(NO_QUIET_MOMENT);
  behind.add({ exchange: exchange("one"), sessionId: "s1" });
  behind.add({ exchange: exchange("two"), sessionId: "s2" });
  await behind.settle();
  assert.deepEqual(batches, [["one", "two"]]);
});

Deno.test("write-behind tries a single exchange's store once: no batch insert before it", async () => {
  let calls = 0;
  const behind = new WriteBehind({
    store: () => {
      calls++;
      return Promise.reject(new Error("disk full"));
    },
    log: SILENT,
    later: NO_QUIET_MOMENT,
  });
  behind.add({ exchange: exchange("alone"), sessionId: "s1" });
  await behind.settle();
  assert.equal(calls, 1);
});

const KIRA = { id: "p_kira", name: "Kira" } as unknown as Persona;

Deno.test("write-behind: settling one persona waits for a write under way holding its exchange among others'", async () => {
  const { behind, release } = heldWrites();
  behind.add({ exchange: exchange("aria's"), sessionId: "s1" });
  behind.add({ exchange: { ...exchange("kira's"), persona: KIRA }, sessionId: "s2" });
  const all = behind.settle();
  const aria = behind.settle(ARIA.id);
  assert.equal(await endedYet(aria), false, "the write holds Aria's exchange too");
  release();
  await Promise.all([all, aria]);
  assert.equal(await endedYet(aria), true);
});

Deno.test("write-behind: maxQueued 0 queues nothing (the caller stores each exchange itself)", () => {
  const behind = new WriteBehind({
    store: () => Promise.resolve(),
    log: SILENT,
    later: NO_QUIET_MOMENT,
    maxQueued: 0,
  });
  assert.equal(behind.add({ exchange: exchange("refused"), sessionId: "s1" }), false);
  assert.equal(behind.queued, 0);
});

Deno.test("write-behind without a persona finder counts every failed store as a loss", async () => {
  const { behind, warnings } = failingStore();
  behind.add({ exchange: exchange("lost"), sessionId: "s1" });
  await behind.settle();
  assert.deepEqual(warnings, ["Memory store of a chat exchange failed after its reply"]);
  assert.equal(behind.add({ exchange: exchange("next"), sessionId: "s1" }), false);
});

Deno.test("write-behind over a store other processes share queues nothing", () => {
  const behind = new WriteBehind({
    store: () => Promise.resolve(),
    log: SILENT,
    later: NO_QUIET_MOMENT,
    sharedStore: true,
  });
  assert.equal(behind.add({ exchange: exchange("shared"), sessionId: "s1" }), false);
});

Deno.test("write-behind: drain writes a single queued exchange", async () => {
  const stored: string[] = [];
  const behind = new WriteBehind({
    store: storingInto(stored),
    log: SILENT,
    later: NO_QUIET_MOMENT,
  });
  behind.add({ exchange: exchange("only one"), sessionId: "s1" });
  await behind.drain();
  assert.deepEqual(stored, ["only one"]);
  assert.equal(behind.idle, true);
});

Deno.test("write-behind: settling a persona with nothing queued does not wait for another persona's write", async () => {
  const { behind, release } = heldWrites();
  behind.add({ exchange: { ...exchange("kira's"), persona: KIRA }, sessionId: "s2" });
  const kira = behind.settle(KIRA.id);
  const aria = behind.settle(ARIA.id);
  assert.equal(await endedYet(aria), true, "Aria has nothing queued or being written");
  release();
  await Promise.all([kira, aria]);
});

Deno.test("write-behind: drain waits for a single write under way with nothing queued", async () => {
  const { behind, release } = heldWrites();
  behind.add({ exchange: exchange("under way"), sessionId: "s1" });
  const settling = behind.settle();
  const draining = behind.drain();
  assert.equal(await endedYet(draining), false);
  release();
  await Promise.all([settling, draining]);
  assert.equal(behind.idle, true);
});

Deno.test("write-behind: forgetting a persona waits for its write under way", async () => {
  const { behind, release } = heldWrites();
  behind.add({ exchange: exchange("being written"), sessionId: "s1" });
  const settling = behind.settle();
  const forgetting = behind.forget(ARIA.id);
  assert.equal(await endedYet(forgetting), false, "its purge must follow the write");
  release();
  await Promise.all([settling, forgetting]);
});

Deno.test("write-behind: a persona finder that fails counts the failed store as a loss", async () => {
  const { behind, warnings } = failingStore({
    find: () => Promise.reject(new Error("database down")),
  });
  behind.add({ exchange: exchange("lost"), sessionId: "s1" });
  await behind.settle();
  assert.deepEqual(warnings, ["Memory store of a chat exchange failed after its reply"]);
});
