/**
 * The batch's slice check on a stubbed clock (mutation testing, session 44): a worker about to
 * take an item yields once the batch has run `BATCH_SLICE_MS` or more, the second item included,
 * and not a moment before. `performance.now` is replaced during each batch and restored after.
 */
import assert from "node:assert/strict";
import { BATCH_SLICE_MS, runBatch } from "./batch.ts";
import type { JsonRpcResponse } from "./envelope.ts";
import { BatchReply } from "./reply_budget.ts";

const request = (id: number) => ({ jsonrpc: "2.0", id, method: "m", params: {} });

/** Runs a batch of two whose first item takes `spentMs` on the stubbed clock; which started at once. */
async function secondStartsAtOnce(spentMs: number): Promise<boolean> {
  const realNow = performance.now;
  // Ahead of the real clock by two slices: the batches' shared slice clock, started on the real
  // one, has then run a slice whenever the batch itself has.
  let now = realNow.call(performance) + 2 * BATCH_SLICE_MS;
  const started: number[] = [];
  performance.now = () => now;
  try {
    const items = [request(1), request(2)];
    const running = runBatch(items, new BatchReply(items.length, 1_000_000), (item) => {
      const { id } = item as { id: number };
      started.push(id);
      if (id === 1) now += spentMs;
      return Promise.resolve<JsonRpcResponse>({ jsonrpc: "2.0", id, result: {} });
    });
    const atOnce = started.includes(2);
    await running;
    assert.deepEqual(started.sort(), [1, 2], "both ran in the end");
    return atOnce;
  } finally {
    performance.now = realNow;
  }
}

Deno.test("a batch's worker yields before its second item once BATCH_SLICE_MS is spent, not before", async () => {
  assert.equal(BATCH_SLICE_MS, 10);
  assert.equal(await secondStartsAtOnce(BATCH_SLICE_MS - 1), true);
  assert.equal(await secondStartsAtOnce(BATCH_SLICE_MS), false);
});
