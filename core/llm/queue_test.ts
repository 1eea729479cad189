import assert from "node:assert/strict";
import { Busy, Cancelled } from "../errors.ts";
import { RequestQueue } from "./queue.ts";

interface Gate {
  work: () => Promise<string>;
  finish: () => void;
}

/** A call that runs until `finish()` is called, recording when it started. */
function gate(log: string[], name: string): Gate {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: async () => {
      log.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

Deno.test("a waiting interactive call goes before every waiting background call", async () => {
  const queue = new RequestQueue(1, 10);
  const started: string[] = [];
  const gates = ["chat-1", "job-1", "job-2", "chat-2"].map((name) => gate(started, name));
  const [chat1, job1, job2, chat2] = gates as [Gate, Gate, Gate, Gate];
  const calls = [
    queue.run(chat1.work),
    queue.run(job1.work, { priority: "background" }),
    queue.run(job2.work, { priority: "background" }),
    queue.run(chat2.work),
  ];
  assert.deepEqual({ running: queue.running, waiting: queue.waiting }, { running: 1, waiting: 3 });
  assert.equal(queue.waitingBackground, 2);
  for (const next of [chat1, chat2, job1, job2]) {
    next.finish();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  assert.deepEqual(await Promise.all(calls), ["chat-1", "job-1", "job-2", "chat-2"]);
  assert.deepEqual(
    started,
    ["chat-1", "chat-2", "job-1", "job-2"],
    "the later chat overtook both jobs",
  );
});

Deno.test("background calls run in order of arrival once no chat waits", async () => {
  const queue = new RequestQueue(1, 10);
  const order: string[] = [];
  const run = (name: string, priority: "interactive" | "background") =>
    queue.run(() => {
      order.push(name);
      return new Promise((resolve) => setTimeout(resolve, 2));
    }, { priority });
  await Promise.all([
    run("chat-1", "interactive"),
    run("job-1", "background"),
    run("job-2", "background"),
    run("chat-2", "interactive"),
    run("job-3", "background"),
  ]);
  assert.deepEqual(order, ["chat-1", "chat-2", "job-1", "job-2", "job-3"]);
  assert.deepEqual({ running: queue.running, waiting: queue.waiting }, { running: 0, waiting: 0 });
});

Deno.test("each lane has its own limit: a full background lane never turns a chat away", async () => {
  const queue = new RequestQueue(1, 2);
  const blocker = gate([], "chat");
  const running = queue.run(blocker.work);
  const jobs = [1, 2].map(() =>
    queue.run(() => Promise.resolve("job"), { priority: "background" })
  );
  await assert.rejects(
    queue.run(() => Promise.resolve("job"), { priority: "background" }),
    (error: Busy) => {
      assert.ok(error instanceof Busy);
      assert.deepEqual(error.data, {
        reason: "queue_full",
        waiting: 2,
        limit: 2,
        priority: "background",
      });
      assert.match(error.message, /background queue is full/);
      return true;
    },
  );
  const chats = [1, 2].map(() => queue.run(() => Promise.resolve("chat")));
  await assert.rejects(queue.run(() => Promise.resolve("chat")), Busy, "the chat lane has 2 too");
  blocker.finish();
  assert.deepEqual(await Promise.all([running, ...chats, ...jobs]), [
    "chat",
    "chat",
    "chat",
    "job",
    "job",
  ]);
});

Deno.test("a background call cancelled while waiting leaves its lane at once", async () => {
  const queue = new RequestQueue(1, 5);
  const blocker = gate([], "chat");
  const running = queue.run(blocker.work);
  const controller = new AbortController();
  let ran = false;
  const job = queue.run(() => {
    ran = true;
    return Promise.resolve();
  }, { priority: "background", signal: controller.signal });
  controller.abort();
  await assert.rejects(job, Cancelled);
  assert.equal(queue.waitingBackground, 0);
  blocker.finish();
  await running;
  assert.equal(ran, false);
  assert.equal(queue.running, 0);
});
