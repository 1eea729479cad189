import assert from "node:assert/strict";
import {
  cpuMsByKind,
  cpuMsSpent,
  parseThreads,
  threadCpuMs,
  threadKind,
  type ThreadReading,
  threadSplit,
} from "./bench/_thread_split.ts";

Deno.test("thread split: the main thread, V8's platform threads, Deno workers and the rest by name", () => {
  assert.equal(threadKind(100, 100, "deno"), "main");
  assert.equal(threadKind(100, 101, "V8 DefaultWorke"), "V8 helpers");
  assert.equal(threadKind(100, 102, "worker-1"), "workers");
  assert.equal(threadKind(100, 103, "worker-12"), "workers");
  assert.equal(threadKind(100, 104, "tokio-runtime-w"), "other");
  // Only a worker's own name: a thread merely containing the word is not one.
  assert.equal(threadKind(100, 105, "my-worker-1x"), "other");
});

Deno.test("thread split: schedstat nanoseconds summed per kind, names with spaces kept, broken lines skipped", () => {
  const listing = [
    "100 deno 3000000",
    "101 V8 DefaultWorke 1500000",
    "102 V8 DefaultWorke 500000",
    "103 worker-1 250000",
    "104 tokio-runtime-w 1000",
    "105  ", // a thread that ended while it was read
    "",
  ].join("\n");
  assert.deepEqual(
    [...cpuMsByKind(parseThreads(100, listing))],
    [["main", 3], ["V8 helpers", 2], ["workers", 0.25], ["other", 0.001]],
  );
});

Deno.test("thread split: the spend between two readings, kind by kind", () => {
  const before = parseThreads(1, "1 deno 1000000\n2 V8 DefaultWorke 1000000");
  const after = parseThreads(1, "1 deno 4000000\n2 V8 DefaultWorke 1500000\n3 worker-1 2000000");
  assert.deepEqual(
    [...cpuMsSpent(before, after)],
    [["main", 3], ["V8 helpers", 0.5], ["workers", 2], ["other", 0]],
  );
});

Deno.test("thread split: a thread that ended between the readings is left out, never taken off its kind", () => {
  // Worker 3 and blocking thread 5 end; worker 4 and thread 6 live on; worker 7 starts.
  const before = parseThreads(
    1,
    "1 deno 1000000\n3 worker-1 9000000\n4 worker-2 1000000\n5 tokio-runtime-w 7000000\n" +
      "6 tokio-runtime-w 1000000",
  );
  const after = parseThreads(
    1,
    "1 deno 2000000\n4 worker-2 1500000\n6 tokio-runtime-w 1250000\n7 worker-3 500000",
  );
  assert.deepEqual(
    [...cpuMsSpent(before, after)],
    [["main", 1], ["V8 helpers", 0], ["workers", 1], ["other", 0.25]],
  );
});

Deno.test("thread split: a thread id reused by a new thread counts from 0", () => {
  const before = parseThreads(1, "1 deno 1000000\n3 worker-1 9000000\n4 worker-2 1000000");
  // 3 is now another kind of thread; 4's run time fell, so it is another worker.
  const after = parseThreads(1, "1 deno 1000000\n3 tokio-runtime-w 2000000\n4 worker-5 500000");
  assert.deepEqual(
    [...cpuMsSpent(before, after)],
    [["main", 0], ["V8 helpers", 0], ["workers", 0.5], ["other", 2]],
  );
});

Deno.test("thread split: no /proc listing reads as no split, not as zeros", () => {
  assert.equal(parseThreads(1, "").size, 0);
  // What `sh` prints when the glob matched nothing and stayed literal.
  assert.equal(parseThreads(1, "* \n").size, 0);
});

Deno.test("thread split: a process with no /proc entry has no reading", async () => {
  // A child that has exited and been waited for: its /proc directory is gone, as all of /proc is
  // on a system without it.
  const child = new Deno.Command("true").spawn();
  await child.status;
  assert.equal(await threadCpuMs(child.pid), undefined);
});

Deno.test("thread split: a missing reading gives an empty split, said once, not a row of zeros", () => {
  const said: unknown[][] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => said.push(args);
  try {
    assert.deepEqual([...threadSplit(undefined, undefined)], []);
    assert.deepEqual([...threadSplit(parseThreads(1, "1 deno 1000000"), undefined)], []);
    assert.equal(said.length, 1);
    assert.match(String(said[0]![0]), /unavailable.*no \/proc/);
  } finally {
    console.warn = warn;
  }
  const read = parseThreads(1, "1 deno 1000000");
  assert.deepEqual([...threadSplit(read, parseThreads(1, "1 deno 3000000"))][0], ["main", 2]);
});

/** This thread's CPU ms so far, from its own `schedstat` (nanoseconds). */
function ownThreadCpuMs(): number {
  return Number(Deno.readTextFileSync("/proc/thread-self/schedstat").split(" ")[0]) / 1e6;
}

/** The worker threads of `reading` that `earlier` did not have. */
function newWorkers(earlier: ThreadReading, reading: ThreadReading): number[] {
  return [...reading].filter(([tid, { kind }]) => kind === "workers" && !earlier.has(tid))
    .map(([tid]) => tid);
}

Deno.test("thread split: a live Worker that ends between the readings takes no kind below zero", async () => {
  const start = await threadCpuMs(Deno.pid);
  assert.ok(start);
  // The worker burns some CPU of its own, then says so.
  const worker = new Worker(
    "data:text/javascript," +
      encodeURIComponent("let n = 0; for (let i = 0; i < 2e7; i++) n += i; postMessage(n);"),
    { type: "module" },
  );
  await new Promise((resolve) => worker.onmessage = resolve);
  const before = await threadCpuMs(Deno.pid);
  assert.ok(before);
  const started = newWorkers(start, before);
  assert.ok(started.length > 0, "the Worker's thread is listed while it lives");
  worker.terminate();
  // Its thread exits shortly after: read until it has gone (a turn bound against a hang).
  let after: ThreadReading | undefined;
  for (let turn = 0; turn < 500; turn++) {
    after = await threadCpuMs(Deno.pid);
    if (after && started.every((tid) => !after!.has(tid))) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(after && started.every((tid) => !after!.has(tid)), "the Worker's thread ended");
  for (const [kind, ms] of cpuMsSpent(before, after)) {
    assert.ok(ms >= 0, `${kind} spent ${ms} ms`);
  }
});

Deno.test("thread split: a live process's threads are read from /proc and move with its CPU", async () => {
  const before = await threadCpuMs(Deno.pid);
  assert.ok(before);
  // Spin until this thread has run 30 ms on a CPU, however long a loaded machine makes that
  // take; the turn bound only guards against a clock that never moves.
  const from = ownThreadCpuMs();
  let turns = 0;
  let spin = 0;
  while (ownThreadCpuMs() - from < 30) {
    assert.ok(++turns < 1e6, "this thread's CPU time never reached 30 ms");
    for (let i = 0; i < 10_000; i++) spin++;
  }
  const after = await threadCpuMs(Deno.pid);
  assert.ok(after && spin > 0);
  // `deno test --parallel` may run this file on a thread of its own: any kind, not only main.
  const total = [...cpuMsSpent(before, after).values()].reduce((sum, ms) => sum + ms, 0);
  assert.ok(total >= 30, `the threads spent ${total} ms`);
});
