import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { Busy } from "../errors.ts";
import { TaskStore } from "./task_store.ts";

const toError = (error: unknown) => ({ message: String(error) });

function store(options: { maxTasks?: number; maxFinished?: number } = {}) {
  const lifetime = new AbortController();
  const tasks = new TaskStore({ clock: new ManualClock(0), lifetime: lifetime.signal, ...options });
  return { tasks, stop: () => lifetime.abort(new Error("server stops")) };
}

/** Work that runs until its task is cancelled. */
function untilCancelled({ signal }: { signal: AbortSignal }): Promise<Record<string, unknown>> {
  return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

Deno.test("TaskStore: only running tasks count against maxTasks; finished ones never lock clients out", async () => {
  const { tasks, stop } = store({ maxTasks: 2 });
  try {
    for (let i = 0; i < 5; i++) {
      await tasks.start(() => Promise.resolve({ i }), toError);
      await settle();
    }
    const first = await tasks.start(untilCancelled, toError);
    await tasks.start(untilCancelled, toError);
    await assert.rejects(() => tasks.start(untilCancelled, toError), Busy, "two running: full");
    await tasks.cancel(first.taskId);
    await settle();
    await tasks.start(untilCancelled, toError);
    assert.deepEqual(tasks.counts(), { queued: 0, running: 2 });
  } finally {
    stop();
  }
});

Deno.test("TaskStore: past maxFinished the oldest finished tasks are forgotten, running ones kept", async () => {
  const { tasks, stop } = store({ maxFinished: 2 });
  try {
    const running = await tasks.start(untilCancelled, toError);
    const ids = [];
    for (const i of [1, 2, 3]) {
      ids.push((await tasks.start(() => Promise.resolve({ i }), toError)).taskId);
    }
    await settle();
    assert.equal(await tasks.get(ids[0]!), undefined, "the oldest finished is forgotten");
    assert.equal((await tasks.get(ids[1]!))?.status, "completed");
    assert.equal((await tasks.get(ids[2]!))?.status, "completed");
    assert.equal((await tasks.get(running.taskId))?.status, "working");
    assert.equal(tasks.size, 3);
  } finally {
    stop();
  }
});

Deno.test("TaskStore: finished tasks are forgotten in the order they finished, not started", async () => {
  const { tasks, stop } = store({ maxFinished: 3 });
  try {
    let finishLong!: () => void;
    const long = (await tasks.start(
      () => new Promise((resolve) => finishLong = () => resolve({ long: true })),
      toError,
    )).taskId;
    const quick = [];
    for (const i of [1, 2, 3]) {
      quick.push((await tasks.start(() => Promise.resolve({ i }), toError)).taskId);
    }
    await settle();
    assert.equal(tasks.size, 4, "three finished, one running: nothing forgotten yet");
    finishLong();
    await settle();
    assert.deepEqual((await tasks.get(long))?.result, { long: true }, "the last to finish is kept");
    assert.equal(await tasks.get(quick[0]!), undefined, "the first to finish is forgotten");
    assert.equal((await tasks.get(quick[1]!))?.status, "completed");
    assert.equal((await tasks.get(quick[2]!))?.status, "completed");
  } finally {
    stop();
  }
});

Deno.test("TaskStore: a task is a capability: whoever holds its id reads and cancels it", async () => {
  const { tasks, stop } = store();
  try {
    const task = await tasks.start(untilCancelled, toError);
    assert.equal((await tasks.get(task.taskId))?.status, "working");
    assert.equal(await tasks.cancel("not-a-task"), false);
    assert.equal(await tasks.cancel(task.taskId), true);
    await settle();
    assert.equal((await tasks.get(task.taskId))?.status, "cancelled");
  } finally {
    stop();
  }
});
