/**
 * A running batch's requests not started yet are ids in use for its session (`BatchQueue.ids`,
 * mutation testing, session 44): each unstarted request's id, in order, not a notification's
 * (it has none), and no longer once a worker has taken it.
 */
import assert from "node:assert/strict";
import { Session } from "../../sessions/session.ts";
import { BATCH_CONCURRENCY, runBatch } from "./batch.ts";
import type { JsonRpcResponse } from "./envelope.ts";
import { BatchReply } from "./reply_budget.ts";

const request = (id: number | string) => ({ jsonrpc: "2.0", id, method: "m", params: {} });

Deno.test("a batch's unstarted request ids are in use until a worker takes each", async () => {
  const session = new Session("websocket");
  const held: Array<() => void> = [];
  const first = Array.from({ length: BATCH_CONCURRENCY }, (_, n) => request(n + 1));
  const items = [...first, request("a"), { jsonrpc: "2.0", method: "note" }, request(22)];
  const batch = new BatchReply(items.length, 1_000_000, { keepReplies: true });
  const running = runBatch(items, batch, (item) => {
    const { id } = item as { id?: number | string };
    if (id === undefined) return undefined;
    return new Promise<JsonRpcResponse>((resolve) =>
      held.push(() => resolve({ jsonrpc: "2.0", id, result: {} }))
    );
  }, { session });
  assert.deepEqual(session.idsInUse(), ["a", 22], "the workers took the first items");
  held.shift()!();
  // One worker is free: it takes "a" and waits on it.
  for (let look = 0; look < 1000 && held.length < BATCH_CONCURRENCY; look++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  assert.deepEqual(session.idsInUse(), [22]);
  while (held.length > 0) {
    held.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await running;
  assert.deepEqual(session.idsInUse(), []);
});

Deno.test("a batch lets its session go once it has run, and when an item throws", async () => {
  const calls: string[] = [];
  const session = {
    waitingInBatch: () => {
      calls.push("waiting");
      return () => void calls.push("started all");
    },
  };
  const items = [request(1), request(2)];
  await runBatch(items, new BatchReply(items.length, 1_000_000), () => undefined, { session });
  assert.deepEqual(calls, ["waiting", "started all"]);
  await assert.rejects(
    runBatch(items, new BatchReply(items.length, 1_000_000), () => {
      throw new Error("item failed");
    }, { session }),
    /item failed/,
  );
  assert.deepEqual(calls, ["waiting", "started all", "waiting", "started all"]);
});
