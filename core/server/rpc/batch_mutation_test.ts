/**
 * Pin of the batch concurrency that mutation testing (mut48) found loose: the other tests read
 * BATCH_CONCURRENCY back, so any value passed them. A batch runs four of its requests at once.
 */
import assert from "node:assert/strict";
import { refusedBatch, runBatch } from "./batch.ts";
import { BatchReply } from "./reply_budget.ts";

Deno.test("a batch runs four of its requests at once, no more and no fewer", async () => {
  let running = 0;
  let most = 0;
  const items = Array.from({ length: 9 }, (_, n) => ({ jsonrpc: "2.0", id: n, method: "x" }));
  await runBatch(items, new BatchReply(items.length, 1_000_000), async (item) => {
    most = Math.max(most, ++running);
    await new Promise((resolve) => setTimeout(resolve, 2));
    running--;
    return { jsonrpc: "2.0", id: (item as { id: number }).id, result: null };
  });
  assert.equal(most, 4);
});

Deno.test("an empty batch is refused with -32600; a batch of one or of MAX_BATCH is not", () => {
  const empty = refusedBatch(0, 100);
  assert.ok(empty && "error" in empty);
  assert.equal(empty.error.code, -32600);
  assert.equal(empty.error.message, "Invalid Request: empty batch");
  assert.equal(empty.id, null);
  assert.equal(refusedBatch(1, 100), undefined, "one request");
  assert.equal(refusedBatch(100, 100), undefined, "MAX_BATCH requests");
  const over = refusedBatch(101, 100);
  assert.ok(over && "error" in over);
  assert.deepEqual(over.error.data, { max_batch: 100, batch_size: 101 });
});
