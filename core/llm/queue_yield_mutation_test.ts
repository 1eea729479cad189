/**
 * Pins of the queue's give-way bookkeeping (queue.ts) that mutation testing (mut63) found loose:
 * a background call that ended leaves the set of calls a chat may cut, and a call told to give
 * way leaves it at once, so two chats arriving together each take a different call's slot.
 */
import assert from "node:assert/strict";
import { RequestQueue, yieldedToChat } from "./queue.ts";

/** A call that runs until told to finish or until its signal aborts (as a model call does). */
function heldCall() {
  const done = Promise.withResolvers<void>();
  const work = async (signal?: AbortSignal) => {
    await new Promise<void>((resolve, reject) => {
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
      void done.promise.then(resolve);
    });
    return "done";
  };
  return { work, finish: () => done.resolve() };
}

const PERSON = { cutsBackground: true } as const;
const BACKGROUND = { priority: "background" } as const;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

Deno.test("a background call that ended is no longer cut: the chat takes a running one's slot", async () => {
  const queue = new RequestQueue(2, 10);
  const older = heldCall();
  const olderCall = queue.run(older.work, BACKGROUND).catch((error: unknown) => error);
  await settle();
  // A newer background call runs and ends while the older one still runs.
  const quick = heldCall();
  quick.finish();
  assert.equal(await queue.run(quick.work, BACKGROUND), "done");
  // The other slot goes to a call no chat cuts (an embedding, a room turn).
  const other = heldCall();
  const otherCall = queue.run(other.work);
  await settle();
  const chat = heldCall();
  const chatCall = queue.run(chat.work, PERSON);
  assert.equal(yieldedToChat(await olderCall), true, "the running background call gave way");
  chat.finish();
  assert.equal(await chatCall, "done");
  other.finish();
  await otherCall;
  older.finish();
});

Deno.test("two chats arriving together each take a different background call's slot", async () => {
  const queue = new RequestQueue(2, 10);
  const jobs = [heldCall(), heldCall()];
  const jobCalls = jobs.map((job) =>
    queue.run(job.work, BACKGROUND).catch((error: unknown) => error)
  );
  await settle();
  const chats = [heldCall(), heldCall()];
  const chatCalls = chats.map((chat) => queue.run(chat.work, PERSON));
  const ends = await Promise.all(jobCalls);
  assert.deepEqual(ends.map(yieldedToChat), [true, true], "both background calls gave way");
  for (const chat of chats) chat.finish();
  assert.deepEqual(await Promise.all(chatCalls), ["done", "done"]);
  for (const job of jobs) job.finish();
});
