/**
 * The write-behind's pieces of follow-up work (perf79, fix172): a piece writes
 * `EXCHANGES_PER_PIECE` exchanges, plus those queued while it waited when it continues a chain (so
 * steady arrivals cannot grow the queue); the rest are the next piece, queued behind the work
 * queued meanwhile, its wait bounded from when the oldest of them was queued. One piece is asked
 * for at a time. Barriers and the overflow still write everything at once.
 */
import assert from "node:assert/strict";
import { QuietWork } from "../jobs/quiet_work.ts";
import { EXCHANGES_PER_PIECE, MAX_QUEUED_EXCHANGES, WriteBehind } from "./write_behind.ts";
import { ARIA, batchRecordingQueue, exchange, SILENT } from "./testing/write_behind_queue.ts";

/** A queue whose pieces of follow-up work the test runs itself, with the `since` each gave. */
function manualPieces() {
  const pieces: Array<{ run: () => Promise<void>; since: number }> = [];
  const { behind, batches } = batchRecordingQueue((run, since) => void pieces.push({ run, since }));
  return { behind, pieces, batches };
}

function add(behind: WriteBehind, count: number, from = 0): void {
  for (let i = from; i < from + count; i++) {
    assert.ok(behind.add({ exchange: exchange(`m${i}`), sessionId: "s1" }));
  }
}

Deno.test("write-behind pieces: a burst goes 16 exchanges a piece", () => {
  assert.equal(EXCHANGES_PER_PIECE, 16);
});

Deno.test("write-behind pieces: a piece writes the oldest 16; the rest ask for pieces of their own, in order", async () => {
  const { behind, pieces, batches } = manualPieces();
  const count = 2 * EXCHANGES_PER_PIECE + 3;
  add(behind, count);
  assert.equal(pieces.length, 1, "one piece asked for while they were queued");
  for (let i = 0; pieces[i]; i++) await pieces[i]!.run();
  assert.deepEqual(batches.map((batch) => batch.length), [16, 16, 3]);
  assert.deepEqual(batches.flat(), Array.from({ length: count }, (_, i) => `m${i}`));
  assert.equal(pieces.length, 3, "no piece asked for once the queue is empty");
  assert.equal(behind.queued, 0);
});

Deno.test("write-behind pieces: exactly 16 queued are one piece, and ask for no other", async () => {
  const { behind, pieces, batches } = manualPieces();
  add(behind, EXCHANGES_PER_PIECE);
  await pieces[0]!.run();
  assert.deepEqual(batches.map((batch) => batch.length), [EXCHANGES_PER_PIECE]);
  assert.equal(pieces.length, 1);
});

Deno.test("write-behind pieces: the next piece's wait is bounded from when its oldest exchange was queued, not from the piece before", async () => {
  const { behind, pieces } = manualPieces();
  add(behind, EXCHANGES_PER_PIECE);
  // The 17th exchange: the first the next piece writes.
  const before17th = performance.now();
  add(behind, 1, EXCHANGES_PER_PIECE);
  const after17th = performance.now();
  add(behind, 4, EXCHANGES_PER_PIECE + 1);
  // The piece runs well after the 17th was queued (a busy server's quiet moment came late).
  while (performance.now() === after17th) await new Promise((resolve) => setTimeout(resolve, 1));
  await pieces[0]!.run();
  assert.equal(pieces.length, 2);
  const since = pieces[1]!.since;
  assert.ok(
    since >= before17th && since <= after17th,
    `${since} not in [${before17th}, ${after17th}]`,
  );
});

Deno.test("write-behind pieces: work queued meanwhile (the mind's reaction) runs between a store's pieces", async () => {
  const order: string[] = [];
  const quiet = new QuietWork({ log: SILENT });
  const behind = new WriteBehind({
    store: (records) => {
      order.push(`store ${records.length}`);
      return Promise.resolve();
    },
    log: SILENT,
    later: (work, since) => quiet.add("storing chats' exchanges", work, since),
  });
  const end = quiet.begin();
  add(behind, EXCHANGES_PER_PIECE + 5);
  const reaction = quiet.add("the mind's reaction", () => void order.push("reaction"));
  end();
  await reaction;
  await quiet.drain();
  await behind.drain();
  assert.deepEqual(order, ["store 16", "reaction", "store 5"]);
});

Deno.test("write-behind pieces: a barrier writes all of a persona's queued exchanges at once", async () => {
  const { behind, batches } = manualPieces();
  add(behind, EXCHANGES_PER_PIECE + 4);
  await behind.settle(ARIA.id);
  assert.deepEqual(batches.map((batch) => batch.length), [EXCHANGES_PER_PIECE + 4]);
  assert.equal(behind.queued, 0);
});

Deno.test("write-behind pieces: a piece continuing a chain writes 16 plus those queued while it waited; a burst queued before the chain began still goes 16 a piece", async () => {
  const { behind, pieces, batches } = manualPieces();
  add(behind, 40);
  await pieces[0]!.run();
  add(behind, 5, 40);
  for (let i = 1; pieces[i]; i++) await pieces[i]!.run();
  assert.deepEqual(batches.map((batch) => batch.length), [16, 16 + 5, 8]);
  assert.deepEqual(batches.flat(), Array.from({ length: 45 }, (_, i) => `m${i}`));
});

/**
 * `perTurn` exchanges arrive each turn of the quiet-time queue, whose other work lets one piece
 * run a turn (the next piece is queued behind it): the sizes written and how many were refused.
 */
async function sustained(perTurn: number, turns: number) {
  const { behind, pieces, batches } = manualPieces();
  let refused = 0;
  let longestQueue = 0;
  let sent = 0;
  for (let turn = 0; turn < turns; turn++) {
    for (let i = 0; i < perTurn; i++) {
      if (!behind.add({ exchange: exchange(`m${sent++}`), sessionId: "s1" })) refused++;
    }
    longestQueue = Math.max(longestQueue, behind.queued);
    const piece = pieces.shift();
    assert.equal(pieces.length, 0, "one piece asked for at a time");
    await piece?.run();
  }
  await behind.drain();
  return { refused, longestQueue, largest: Math.max(...batches.map((batch) => batch.length)) };
}

for (const perTurn of [24, 40, 120]) {
  Deno.test(`write-behind pieces: ${perTurn} arriving each quiet turn keep the largest write at ${perTurn} + 16 and the queue bounded, never reaching the overflow`, async () => {
    const { refused, longestQueue, largest } = await sustained(perTurn, 40);
    assert.equal(refused, 0);
    assert.ok(largest <= perTurn + EXCHANGES_PER_PIECE, `largest write ${largest}`);
    // What the chain's first piece left (perTurn - 16) and one turn's arrivals, at most.
    assert.ok(longestQueue <= 2 * perTurn - EXCHANGES_PER_PIECE, `longest queue ${longestQueue}`);
  });
}

Deno.test("write-behind pieces: 300 arriving each quiet turn are all taken (the overflow writes, as before the pieces), none refused", async () => {
  const { refused, largest } = await sustained(300, 40);
  assert.equal(refused, 0);
  assert.equal(largest, MAX_QUEUED_EXCHANGES + 1);
});

Deno.test("write-behind pieces: one piece asked for at a time, though a barrier emptied the queue it was asked for; the next add asks again once it ran", async () => {
  const { behind, pieces, batches } = manualPieces();
  add(behind, 1);
  await behind.settle();
  add(behind, 2, 1);
  assert.equal(pieces.length, 1, "the piece asked for writes the new ones too");
  await pieces[0]!.run();
  assert.deepEqual(batches, [["m0"], ["m1", "m2"]]);
  add(behind, 1, 3);
  assert.equal(pieces.length, 2, "asked again once the piece began");
  await pieces[1]!.run();
  assert.equal(behind.queued, 0);
});
