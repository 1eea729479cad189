/**
 * One client's heavy requests do not stall every other client: over real WebSockets on
 * 127.0.0.1, a client fires 50 heavy requests (as one batch, and as 50 messages) and another
 * client's cheap request is served after at most a bounded number of them. The server counts
 * the heavy requests it finished before the cheap one ran: an order, not a time.
 */
import assert from "node:assert/strict";
import { RUNNING_PER_CONNECTION } from "../core/server/transport/turns.ts";
import { BATCH_CONCURRENCY } from "../core/server/rpc/batch.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { BOUND, fairServer, HEAVY, heavy, holdAndNote } from "./_fair_turns.ts";

/** Sends the heavy load with `send`, then a cheap request once the shared load is done. */
async function cheapAfterHeavy(
  send: (busy: RpcClient) => Promise<unknown>,
): Promise<{ before: number; all: unknown }> {
  const { server, open } = await fairServer();
  const busy = await RpcClient.connect(server.wsUrl);
  const other = await RpcClient.connect(server.wsUrl);
  try {
    const all = send(busy);
    await open;
    const cheap = await other.call<{ heavy_finished: number }>("test.cheap");
    return { before: cheap.heavy_finished, all: await all };
  } finally {
    await busy.close();
    await other.close();
    await server.shutdown();
  }
}

Deno.test("another connection's request is served after a bounded number of 50 heavy messages", async () => {
  const { before, all } = await cheapAfterHeavy((busy) =>
    Promise.all(Array.from({ length: HEAVY }, (_, n) => busy.request("test.heavy", {}, n + 1)))
  );
  assert.ok(
    before <= BOUND,
    `served after ${before} of ${HEAVY} heavy requests (at most ${BOUND})`,
  );
  const replies = all as Array<{ id: number; result?: unknown }>;
  assert.equal(replies.filter((reply) => reply.result !== undefined).length, HEAVY);
});

Deno.test("another connection's request is served after a bounded number of a 50-item batch", async () => {
  const { before, all } = await cheapAfterHeavy((busy) =>
    busy.sendRaw(JSON.stringify(Array.from({ length: HEAVY }, (_, n) => heavy(n + 1))))
  );
  assert.ok(
    before <= BOUND,
    `served after ${before} of ${HEAVY} heavy requests (at most ${BOUND})`,
  );
  const replies = all as Array<{ id: number; result?: unknown }>;
  assert.deepEqual(
    replies.map((reply) => reply.id),
    Array.from({ length: HEAVY }, (_, n) => n + 1),
  );
  assert.ok(replies.every((reply) => reply.result !== undefined));
});

Deno.test("a request waiting for its turn that the client cancels never runs, nor is answered", async () => {
  const server = await startTestServer();
  const { holding, ran, cancelledHold } = holdAndNote(server);
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const held = Array.from(
      { length: RUNNING_PER_CONNECTION },
      (_, n) => client.request("test.hold", {}, n + 1),
    );
    let answeredCancelled = false;
    client.request("test.noted", { n: 11 }, 11).then(() => answeredCancelled = true);
    const kept = client.request("test.noted", { n: 12 }, 12);
    client.notify("notifications/cancelled", { requestId: 11 });
    // A second cancel, of a held request: once it took effect, the server has read the first
    // (one socket's messages are read in order). The turns free up only then.
    client.notify("notifications/cancelled", { requestId: 1 });
    await cancelledHold;
    for (const end of holding.splice(0)) end();
    await Promise.all(held.slice(1));
    await kept;
    // A later request is answered only after everything before it started.
    await client.request("test.noted", { n: 13 }, 13);
    assert.deepEqual(ran, [12, 13], "the cancelled request never ran");
    assert.equal(answeredCancelled, false, "MCP: a cancelled request gets no answer");
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("a batch item not started yet that the client cancels never runs, nor is answered", async () => {
  const server = await startTestServer();
  const { holding, ran, cancelledHold } = holdAndNote(server);
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const hold = (id: number) => ({ jsonrpc: "2.0", id, method: "test.hold", params: {} });
    const noted = (n: number) => ({ jsonrpc: "2.0", id: n, method: "test.noted", params: { n } });
    // The batch's workers start the holds; the noted items wait for a worker.
    const holds = Array.from({ length: BATCH_CONCURRENCY }, (_, n) => hold(n + 1));
    const reply = client.sendRaw(JSON.stringify([...holds, noted(15), noted(16)]));
    client.notify("notifications/cancelled", { requestId: 15 });
    // A second cancel, of a running hold: once it took effect, the server has read the first.
    client.notify("notifications/cancelled", { requestId: 1 });
    await cancelledHold;
    for (const end of holding.splice(0)) end();
    const answers = await reply as Array<{ id: number }>;
    assert.deepEqual(ran, [16], "the cancelled item never ran");
    assert.deepEqual(
      answers.map((answer) => answer.id).sort((a, b) => a - b),
      [2, 3, 4, 16],
      "MCP: cancelled items get no answer",
    );
  } finally {
    await client.close();
    await server.shutdown();
  }
});
