import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
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
    await tasks.cancel(first.taskId, null);
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
    assert.equal(await tasks.get(ids[0]!, null), undefined, "the oldest finished is forgotten");
    assert.equal((await tasks.get(ids[1]!, null))?.status, "completed");
    assert.equal((await tasks.get(ids[2]!, null))?.status, "completed");
    assert.equal((await tasks.get(running.taskId, null))?.status, "working");
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
    assert.deepEqual(
      (await tasks.get(long, null))?.result,
      { long: true },
      "the last to finish is kept",
    );
    assert.equal(await tasks.get(quick[0]!, null), undefined, "the first to finish is forgotten");
    assert.equal((await tasks.get(quick[1]!, null))?.status, "completed");
    assert.equal((await tasks.get(quick[2]!, null))?.status, "completed");
  } finally {
    stop();
  }
});

Deno.test("TaskStore: a task without an owner is a capability: whoever holds its id reads and cancels it", async () => {
  const { tasks, stop } = store();
  try {
    const task = await tasks.start(untilCancelled, toError);
    assert.equal((await tasks.get(task.taskId, null))?.status, "working");
    assert.equal((await tasks.get(task.taskId, "session:any"))?.status, "working");
    assert.equal(await tasks.cancel("not-a-task", null), false);
    assert.equal(await tasks.cancel(task.taskId, "session:any"), true);
    await settle();
    assert.equal((await tasks.get(task.taskId, null))?.status, "cancelled");
  } finally {
    stop();
  }
});

Deno.test("TaskStore: an owned task answers anyone else exactly as an unknown id, and their cancel does nothing", async () => {
  const { tasks, stop } = store();
  try {
    const task = await tasks.start(untilCancelled, toError, { owner: "session:a" });
    for (const stranger of ["session:b", null]) {
      assert.equal(await tasks.get(task.taskId, stranger), undefined);
      assert.equal(await tasks.cancel(task.taskId, stranger), false);
    }
    await settle();
    assert.equal((await tasks.get(task.taskId, "session:a"))?.status, "working");
    assert.equal(await tasks.cancel(task.taskId, "session:a"), true);
    await settle();
    assert.equal((await tasks.get(task.taskId, "session:a"))?.status, "cancelled");
  } finally {
    stop();
  }
});

Deno.test("TaskStore: task ids are 256 bits from the CSPRNG (base64url), never repeated", async () => {
  const { tasks, stop } = store();
  try {
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { taskId } = await tasks.start(() => Promise.resolve({}), toError);
      assert.match(taskId, /^[\w-]{43}$/);
      assert.equal(Buffer.from(taskId, "base64url").length, 32, "at least 128 bits: 256");
      ids.add(taskId);
    }
    assert.equal(ids.size, 50);
  } finally {
    stop();
  }
});
