/**
 * Pin of the batch concurrency that mutation testing (mut48) found loose: the other tests read
 * BATCH_CONCURRENCY back, so any value passed them. A batch runs four of its requests at once.
 */
import assert from "node:assert/strict";
import { runBatch } from "./batch.ts";
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
