import assert from "node:assert/strict";
import { RequestQueue, yieldedToChat } from "./queue.ts";

/** A call that runs until told to finish or until its signal aborts (as a model call does). */
function heldCall(name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const work = async (signal?: AbortSignal) => {
    await new Promise<void>((resolve, reject) => {
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
      void done.then(resolve);
    });
    return name;
  };
  return { work, finish };
}

/** Lets the calls queued so far start (`run` starts its work on a later turn). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

Deno.test("an interactive call not marked as a person's chat (an embedding) cuts no background call", async () => {
  const queue = new RequestQueue(1, 10);
  const job = heldCall("job");
  const embedding = heldCall("embedding");
  const jobCall = queue.run(job.work, { priority: "background" });
  await settle();
  // What LlmService.embed passes: the default priority, nothing more.
  const embedCall = queue.run(embedding.work, {});
  await settle();
  assert.equal(queue.running, 1, "the embedding waits for the slot");
  assert.equal(queue.waiting, 1);
  job.finish();
  assert.equal(await jobCall, "job", "the background call ran to its end");
  embedding.finish();
  assert.equal(await embedCall, "embedding");
});

Deno.test("a person's chat (cutsBackground) cuts a running background call", async () => {
  const queue = new RequestQueue(1, 10);
  const job = heldCall("job");
  const chat = heldCall("chat");
  const jobCall = queue.run(job.work, { priority: "background" });
  await settle();
  const chatCall = queue.run(chat.work, { cutsBackground: true });
  assert.equal(yieldedToChat(await jobCall.catch((error: unknown) => error)), true);
  chat.finish();
  assert.equal(await chatCall, "chat");
});

Deno.test("a background call run with yieldable false keeps its slot; the chat waits", async () => {
  const queue = new RequestQueue(1, 10);
  const job = heldCall("job");
  const chat = heldCall("chat");
  const jobCall = queue.run(job.work, { priority: "background", yieldable: false });
  await settle();
  const chatCall = queue.run(chat.work, { cutsBackground: true });
  await settle();
  assert.equal(queue.waiting, 1, "the chat waits");
  job.finish();
  assert.equal(await jobCall, "job", "the job's call was not cut");
  chat.finish();
  assert.equal(await chatCall, "chat");
});
