/**
 * The write-behind's pieces of follow-up work (perf79): a piece writes at most
 * `MAX_EXCHANGES_PER_PIECE` exchanges, the rest are the next piece, queued behind the work
 * queued meanwhile, its wait bounded from when the oldest of them was queued. Barriers and the
 * overflow still write everything at once.
 */
import assert from "node:assert/strict";
import type { ExchangeRecord } from "../chat/memory_port.ts";
import { QuietWork } from "../jobs/quiet_work.ts";
import type { Persona } from "../personas/mod.ts";
import { MAX_EXCHANGES_PER_PIECE, WriteBehind } from "./write_behind.ts";

const ARIA = { id: "p_aria", name: "Aria" } as unknown as Persona;
const SILENT = { warn: () => {}, debug: () => {} };

function exchange(message: string): ExchangeRecord {
  return { persona: ARIA, sender: "Tam", roomId: null, message, response: "Hi." };
}

/** A queue whose pieces of follow-up work the test runs itself, with the `since` each gave. */
function manualPieces() {
  const pieces: Array<{ run: () => Promise<void>; since: number }> = [];
  const batches: string[][] = [];
  const behind = new WriteBehind({
    store: (records) => {
      batches.push(records.map((record) => record.message));
      return Promise.resolve();
    },
    log: SILENT,
    later: (run, since) => void pieces.push({ run, since }),
  });
  return { behind, pieces, batches };
}

function add(behind: WriteBehind, count: number, from = 0): void {
  for (let i = from; i < from + count; i++) {
    assert.ok(behind.add({ exchange: exchange(`m${i}`), sessionId: "s1" }));
  }
}

Deno.test("write-behind pieces: 16 exchanges a piece at most", () => {
  assert.equal(MAX_EXCHANGES_PER_PIECE, 16);
});

Deno.test("write-behind pieces: a piece writes the oldest 16; the rest ask for pieces of their own, in order", async () => {
  const { behind, pieces, batches } = manualPieces();
  const count = 2 * MAX_EXCHANGES_PER_PIECE + 3;
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
  add(behind, MAX_EXCHANGES_PER_PIECE);
  await pieces[0]!.run();
  assert.deepEqual(batches.map((batch) => batch.length), [MAX_EXCHANGES_PER_PIECE]);
  assert.equal(pieces.length, 1);
});

Deno.test("write-behind pieces: the next piece's wait is bounded from when its oldest exchange was queued, not from the piece before", async () => {
  const { behind, pieces } = manualPieces();
  add(behind, MAX_EXCHANGES_PER_PIECE);
  // The 17th exchange: the first the next piece writes.
  const before17th = performance.now();
  add(behind, 1, MAX_EXCHANGES_PER_PIECE);
  const after17th = performance.now();
  add(behind, 4, MAX_EXCHANGES_PER_PIECE + 1);
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
  add(behind, MAX_EXCHANGES_PER_PIECE + 5);
  const reaction = quiet.add("the mind's reaction", () => void order.push("reaction"));
  end();
  await reaction;
  await quiet.drain();
  await behind.drain();
  assert.deepEqual(order, ["store 16", "reaction", "store 5"]);
});

Deno.test("write-behind pieces: a barrier writes all of a persona's queued exchanges at once", async () => {
  const { behind, batches } = manualPieces();
  add(behind, MAX_EXCHANGES_PER_PIECE + 4);
  await behind.settle(ARIA.id);
  assert.deepEqual(batches.map((batch) => batch.length), [MAX_EXCHANGES_PER_PIECE + 4]);
  assert.equal(behind.queued, 0);
});
