/**
 * A batch's requests not started yet hear their session's cancels: a cancelled one never runs
 * and gets no answer (MCP's `notifications/cancelled`), or -32800 when the cancel asks for an
 * answer; a request already started, a notification and an unknown id are not theirs.
 */
import assert from "node:assert/strict";
import { Session } from "../../sessions/session.ts";
import { BATCH_CONCURRENCY, runBatch } from "./batch.ts";
import type { JsonRpcResponse } from "./envelope.ts";
import { BatchReply } from "./reply_budget.ts";
import { RpcCode } from "./wire_errors.ts";

const request = (id: number) => ({ jsonrpc: "2.0", id, method: "m", params: {} });

Deno.test("a batch skips the requests its session cancels before they start", async () => {
  const session = new Session("websocket");
  const held: Array<() => void> = [];
  const ran: number[] = [];
  const first = Array.from({ length: BATCH_CONCURRENCY }, (_, n) => request(n + 1));
  const items = [
    ...first,
    request(21),
    { jsonrpc: "2.0", method: "note" },
    request(22),
    request(23),
  ];
  const batch = new BatchReply(items.length, 1_000_000, { keepReplies: true });
  const running = runBatch(items, batch, (item) => {
    const { id } = item as { id?: number };
    if (id === undefined) return undefined;
    ran.push(id);
    return new Promise<JsonRpcResponse>((resolve) =>
      held.push(() => resolve({ jsonrpc: "2.0", id, result: {} }))
    );
  }, { session });
  assert.deepEqual(ran, [1, 2, 3, 4], "the workers took the first items");
  assert.equal(
    session.cancel(1, "x", { reply: false }),
    false,
    "a started item is not tracked here",
  );
  assert.equal(session.cancel(99, "x", { reply: false }), false, "no such id");
  assert.equal(session.cancel(21, "x", { reply: false }), true);
  assert.equal(session.cancel(22, "x", { reply: true }), true);
  while (held.length > 0) {
    held.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await running;
  assert.deepEqual(ran, [1, 2, 3, 4, 23], "the cancelled items never ran");
  const replies = batch.reply ?? [];
  assert.deepEqual(
    replies.map((reply) => reply.id as number).sort((a, b) => a - b),
    [1, 2, 3, 4, 22, 23],
    "no answer for the one cancelled without one",
  );
  const answered = replies.find((reply) => reply.id === 22) as { error?: { code: number } };
  assert.equal(
    answered.error?.code,
    RpcCode.RequestCancelled,
    "-32800 when the cancel asks for it",
  );
  assert.equal(session.cancel(23, "x", { reply: false }), false, "the batch let its session go");
});
