/**
 * A batch yields to the event loop between its items once it has run BATCH_SLICE_MS, and a quick
 * batch never does. Each test asks an order (did a timer set before the batch fire before it
 * ended?), never a duration.
 */
import assert from "node:assert/strict";
import { BATCH_SLICE_MS, runBatch } from "./batch.ts";
import { BatchReply } from "./reply_budget.ts";

const items = (length: number) =>
  Array.from({ length }, (_, n) => ({ jsonrpc: "2.0", id: n, method: "x" }));

/** Runs `work` for each of `count` items; true when a timer set first fired before the end. */
async function timerFiredDuring(count: number, work: () => void): Promise<boolean> {
  let fired = false;
  const timer = setTimeout(() => fired = true, 0);
  const batch = items(count);
  await runBatch(batch, new BatchReply(batch.length, 1_000_000), (item) => {
    work();
    return { jsonrpc: "2.0", id: (item as { id: number }).id, result: null };
  });
  clearTimeout(timer);
  return fired;
}

Deno.test("BATCH_SLICE_MS is 10", () => {
  assert.equal(BATCH_SLICE_MS, 10);
});

Deno.test("a batch of quick requests runs without a yield", async () => {
  // The clock stands still meanwhile: on a loaded machine the process can be descheduled past a
  // slice inside 8 empty items, and then the batch rightly yields (the yield is on the clock).
  const now = performance.now;
  const frozen = now.call(performance);
  performance.now = () => frozen;
  try {
    assert.equal(await timerFiredDuring(8, () => {}), false);
  } finally {
    performance.now = now;
  }
});

Deno.test("a batch of requests longer than BATCH_SLICE_MS yields between them", async () => {
  // Each item holds the thread past a slice (a loop on the clock: the item's length, no assertion).
  const hold = () => {
    const until = performance.now() + BATCH_SLICE_MS + 1;
    while (performance.now() < until) { /* busy */ }
  };
  assert.equal(await timerFiredDuring(8, hold), true);
});
