import assert from "node:assert/strict";
import { cpuMsByKind, cpuMsSpent, threadCpuMs, threadKind } from "./bench/_thread_split.ts";

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
    [...cpuMsByKind(100, listing)],
    [["main", 3], ["V8 helpers", 2], ["workers", 0.25], ["other", 0.001]],
  );
});

Deno.test("thread split: the spend between two readings, kind by kind", () => {
  const before = cpuMsByKind(1, "1 deno 1000000\n2 V8 DefaultWorke 1000000");
  const after = cpuMsByKind(1, "1 deno 4000000\n2 V8 DefaultWorke 1500000\n3 worker-1 2000000");
  assert.deepEqual(
    [...cpuMsSpent(before, after)],
    [["main", 3], ["V8 helpers", 0.5], ["workers", 2], ["other", 0]],
  );
});

Deno.test("thread split: a live process's threads are read from /proc and move with its CPU", async () => {
  const before = await threadCpuMs(Deno.pid);
  const until = performance.now() + 30;
  let spin = 0;
  while (performance.now() < until) spin++;
  const spent = cpuMsSpent(before, await threadCpuMs(Deno.pid));
  assert.ok(spin > 0);
  // `deno test --parallel` may run this file on a thread of its own: any kind, not only main.
  const total = [...spent.values()].reduce((sum, ms) => sum + ms, 0);
  assert.ok(total >= 10, `the threads spent ${total} ms`);
});
