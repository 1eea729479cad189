import assert from "node:assert/strict";
import { Busy, Cancelled, Conflict } from "../errors.ts";
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

Deno.test("a call stopped for a domain reason (a turn's claim lost) rejects with that reason, never a client cancel", async () => {
  const lost = new Conflict("Turn abandoned: its claim expired", []);
  const before = new AbortController();
  before.abort(lost);
  const queue = new RequestQueue(1, 10);
  await assert.rejects(queue.run(() => Promise.resolve("spoken"), { signal: before.signal }), lost);
  // Lost while waiting for a slot behind another call.
  let finish!: () => void;
  const running = queue.run(() => new Promise<void>((resolve) => (finish = resolve)));
  const during = new AbortController();
  const waiting = queue.run(() => Promise.resolve("spoken"), { signal: during.signal });
  during.abort(lost);
  await assert.rejects(waiting, lost);
  // A client's own cancel is still a cancel.
  const cancelled = new AbortController();
  const queued = queue.run(() => Promise.resolve("spoken"), { signal: cancelled.signal });
  cancelled.abort(new Error("cancelled by the client"));
  await assert.rejects(queued, Cancelled);
  finish();
  await running;
  assert.equal(queue.waiting, 0);
});

/** Lets started calls run to their first await. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

Deno.test("background work leaves the last slot alone until chats have been quiet for quietMs", async () => {
  let now = 0;
  const queue = new RequestQueue(1, 10, { quietMs: 1000, now: () => now });
  const started: string[] = [];
  const chat = gate(started, "chat-1");
  const job = gate(started, "job-1");
  const chatDone = queue.run(chat.work);
  const jobDone = queue.run(job.work, { priority: "background" });
  chat.finish();
  await chatDone;
  now = 10;
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepEqual(started, ["chat-1"], "the job waits: a chat just ended");
  // A chat right after the reply finds the slot free.
  const next = gate(started, "chat-2");
  const nextDone = queue.run(next.work);
  await tick();
  assert.deepEqual(started, ["chat-1", "chat-2"]);
  next.finish();
  await nextDone;
  now = 1009;
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(queue.running, 0, "999 ms of quiet are not enough");
  now = 1010;
  // The queue's timer looks again once the quiet period has passed (real time, ~1 s).
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.deepEqual(started, ["chat-1", "chat-2", "job-1"]);
  job.finish();
  await jobDone;
});

Deno.test("with a slot to spare, background work starts at once even right after a chat", async () => {
  const queue = new RequestQueue(2, 10, { quietMs: 60_000 });
  const started: string[] = [];
  const chat = gate(started, "chat");
  const job = gate(started, "job");
  const calls = [queue.run(chat.work), queue.run(job.work, { priority: "background" })];
  await tick();
  assert.deepEqual(started, ["chat", "job"], "one slot stays free for the next chat");
  chat.finish();
  await calls[0];
  const controller = new AbortController();
  const second = queue.run(gate(started, "second-job").work, {
    priority: "background",
    signal: controller.signal,
  });
  assert.equal(queue.waitingBackground, 1, "the last slot is not taken while chats are recent");
  const nextChat = gate(started, "next-chat");
  const chatCall = queue.run(nextChat.work);
  await tick();
  assert.deepEqual(started, ["chat", "job", "next-chat"], "a chat still finds its slot");
  controller.abort();
  await assert.rejects(second, Cancelled);
  nextChat.finish();
  job.finish();
  await Promise.all([chatCall, calls[1]]);
});

Deno.test("quietFor: 0 while a chat runs or waits, then the time since it ended", async () => {
  let now = 100;
  const queue = new RequestQueue(1, 10, { now: () => now });
  assert.equal(queue.quietFor(), Number.POSITIVE_INFINITY, "no chat yet");
  const chat = gate([], "chat");
  const call = queue.run(chat.work);
  await tick();
  now = 500;
  assert.equal(queue.quietFor(), 0);
  const job = gate([], "job");
  const background = queue.run(job.work, { priority: "background" });
  chat.finish();
  await call;
  now = 800;
  assert.equal(queue.quietFor(), 300, "background calls are not chats");
  job.finish();
  await background;
});
