/**
 * Pins of write_behind.ts's pieces that mutation testing (mut64) found loose: one exchange left
 * after a piece asks for a piece of its own.
 */
import assert from "node:assert/strict";
import { EXCHANGES_PER_PIECE } from "./write_behind.ts";
import { batchRecordingQueue, exchange } from "./testing/write_behind_queue.ts";

Deno.test("write-behind pieces: one exchange left after a piece is written by the next piece", async () => {
  const pieces: Array<() => Promise<void>> = [];
  const { behind, batches } = batchRecordingQueue((run) => void pieces.push(run));
  for (let i = 0; i <= EXCHANGES_PER_PIECE; i++) {
    assert.ok(behind.add({ exchange: exchange(`m${i}`), sessionId: "s1" }));
  }
  for (let i = 0; pieces[i]; i++) await pieces[i]!();
  assert.deepEqual(batches.map((batch) => batch.length), [EXCHANGES_PER_PIECE, 1]);
  assert.equal(behind.queued, 0);
});
