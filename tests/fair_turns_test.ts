/**
 * One client's heavy requests do not stall every other client: over real WebSockets on
 * 127.0.0.1, a client fires 50 heavy requests (as one batch, and as 50 messages) and another
 * client's cheap request is served after at most a bounded number of them. The server counts
 * the heavy requests it finished before the cheap one ran: an order, not a time.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { defineHandler } from "../core/server/define_handler.ts";
import { RUNNING_PER_CONNECTION } from "../core/server/transport/turns.ts";
import { BATCH_CONCURRENCY } from "../core/server/rpc/batch.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";

const HEAVY = 50;
/** How long the shared load takes (a shape of the load, not an assertion: counts are). */
const LOAD_MS = 50;

/**
 * The bound: the heavy requests already running when the cheap one arrives (a connection's
 * turns, or a batch's workers), and one more round of them started before the socket is read.
 */
const BOUND = 2 * Math.max(RUNNING_PER_CONNECTION, BATCH_CONCURRENCY);

/** Work of a fixed size (no clock): a heavy request is ~20 of these, between awaits. */
function burn(rounds: number): number {
  let x = 1;
  for (let i = 0; i < rounds; i++) x = (x * 1_103_515_245 + 12_345) % 2_147_483_647;
  return x;
}

/**
 * A server with `test.heavy` and `test.cheap`, which answers how many heavy requests had
 * finished. A heavy request is shaped like a memory search on a cold store: the first one starts
 * a load on another thread (a timer here) that every heavy request awaits, then each runs CPU
 * work whose awaits resolve at once. On a server without turns, every heavy request received by
 * then wakes from the load in one go and runs before another socket is read.
 */
async function fairServer() {
  const server = await startTestServer();
  const counts = { finished: 0 };
  let loaded: Promise<void> | undefined;
  let opened: () => void = () => {};
  const open = new Promise<void>((resolve) => opened = resolve);
  server.dispatcher.registry.add(defineHandler({
    method: "test.heavy",
    description: "Awaits a shared load, then CPU work in steps whose awaits resolve at once",
    params: z.strictObject({}),
    handle: async () => {
      loaded ??= new Promise<void>((resolve) => setTimeout(resolve, LOAD_MS)).then(opened);
      await loaded;
      let x = 0;
      for (let step = 0; step < 20; step++) {
        x += burn(200_000);
        await Promise.resolve();
      }
      counts.finished++;
      return { x };
    },
  }));
  server.dispatcher.registry.add(defineHandler({
    method: "test.cheap",
    description: "Answers how many heavy requests finished before it ran",
    params: z.strictObject({}),
    handle: () => ({ heavy_finished: counts.finished }),
  }));
  return { server, counts, open };
}

function heavy(id: number) {
  return { jsonrpc: "2.0", id, method: "test.heavy", params: {} };
}

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
