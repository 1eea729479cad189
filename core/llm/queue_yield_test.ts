import assert from "node:assert/strict";
import { Busy } from "../errors.ts";
import { RequestQueue, YIELDED_TO_CHAT, yieldedToChat } from "./queue.ts";

/** A call that runs until told to finish or until its signal aborts (as a model call does). */
function heldCall(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const work = async (signal?: AbortSignal) => {
    log.push(`${name} started`);
    await new Promise<void>((resolve, reject) => {
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
      void done.then(resolve);
    });
    log.push(`${name} ended`);
    return name;
  };
  return { work, finish };
}

/** How a person's chat request is run (the only call that cuts background work). */
const PERSON = { cutsBackground: true } as const;

/** Lets the calls queued so far start (`run` starts its work on a later turn). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

Deno.test("a chat that finds no free slot takes a running background call's, which gives way", async () => {
  const queue = new RequestQueue(1, 10);
  const log: string[] = [];
  const job = heldCall(log, "job");
  const chat = heldCall(log, "chat");
  const jobCall = queue.run(job.work, { priority: "background" });
  await settle();
  assert.deepEqual(log, ["job started"]);
  const chatCall = queue.run(chat.work, PERSON);
  const error = await jobCall.catch((error: unknown) => error);
  assert.ok(error instanceof Busy, "the background call ends with Busy");
  assert.equal((error.data as { reason: string }).reason, YIELDED_TO_CHAT);
  assert.equal(yieldedToChat(error), true);
  // The chat runs now, without the job's call having finished.
  await settle();
  assert.deepEqual(log, ["job started", "chat started"]);
  chat.finish();
  assert.equal(await chatCall, "chat");
  job.finish();
});

Deno.test("a chat with a free slot leaves running background calls alone", async () => {
  const queue = new RequestQueue(2, 10);
  const log: string[] = [];
  const job = heldCall(log, "job");
  const chat = heldCall(log, "chat");
  const jobCall = queue.run(job.work, { priority: "background" });
  await settle();
  const chatCall = queue.run(chat.work, PERSON);
  await settle();
  chat.finish();
  assert.equal(await chatCall, "chat");
  job.finish();
  assert.equal(await jobCall, "job", "the background call ran to its end");
  assert.deepEqual(log, ["job started", "chat started", "chat ended", "job ended"]);
});

Deno.test("each waiting chat takes one background call's slot, the newest first", async () => {
  const queue = new RequestQueue(2, 10);
  const log: string[] = [];
  const older = heldCall(log, "older job");
  const newer = heldCall(log, "newer job");
  const chat = heldCall(log, "chat");
  const olderCall = queue.run(older.work, { priority: "background" });
  const newerCall = queue.run(newer.work, { priority: "background" });
  await settle();
  assert.deepEqual(log, ["older job started", "newer job started"]);
  const chatCall = queue.run(chat.work, PERSON);
  assert.equal(yieldedToChat(await newerCall.catch((error: unknown) => error)), true);
  await settle();
  older.finish();
  assert.equal(await olderCall, "older job", "one chat: only one call gave way");
  chat.finish();
  assert.equal(await chatCall, "chat");
});

Deno.test("a chat never ends another chat's call", async () => {
  const queue = new RequestQueue(1, 10);
  const log: string[] = [];
  const first = heldCall(log, "first chat");
  const second = heldCall(log, "second chat");
  const firstCall = queue.run(first.work, PERSON);
  const secondCall = queue.run(second.work, PERSON);
  await settle();
  assert.deepEqual(log, ["first chat started"]);
  first.finish();
  assert.equal(await firstCall, "first chat");
  second.finish();
  assert.equal(await secondCall, "second chat");
});

Deno.test("a chat that waits only behind the line, with a slot free, cuts no background call", async () => {
  // Two slots; the second background call waits for the chats' quiet time (the clock stands
  // still), so the chat finds a background call waiting and one slot free.
  const queue = new RequestQueue(2, 10, { quietMs: 1000, now: () => 0 });
  const log: string[] = [];
  const first = heldCall(log, "first chat");
  await queue.run(async () => {
    first.finish();
    return await first.work();
  });
  const running = heldCall(log, "running job");
  const waiting = heldCall(log, "waiting job");
  const chat = heldCall(log, "second chat");
  const runningCall = queue.run(running.work, { priority: "background" });
  await settle();
  const waitingCall = queue.run(waiting.work, { priority: "background" });
  await settle();
  assert.equal(queue.waitingBackground, 1, "the second job waits for quiet");
  const chatCall = queue.run(chat.work, PERSON);
  await settle();
  chat.finish();
  assert.equal(await chatCall, "second chat");
  running.finish();
  assert.equal(await runningCall, "running job", "the running job was not cut");
  // With the job's slot free again, the waiting one may take it (one slot stays free).
  waiting.finish();
  assert.equal(await waitingCall, "waiting job");
});
