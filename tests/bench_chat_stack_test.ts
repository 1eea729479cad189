import assert from "node:assert/strict";
import { type ChatRun, mergeChatRuns } from "./bench/chat_stack.ts";

/** A run of one chat with `threadMs` as its split; the other figures are not looked at. */
function runWith(threadMs: Map<string, number>): ChatRun {
  return {
    samples: [],
    cpuSeconds: 0,
    mainCpuSeconds: 0,
    threadMs: threadMs as ChatRun["threadMs"],
    wallSeconds: 1,
    modelMs: [],
    peakRssMb: 0,
    beside: { client: 0, model: 0, machine: 0 },
  };
}

Deno.test("chat stack: runs with no thread split (no /proc) merge into none, not a row of zeros", () => {
  assert.deepEqual([...mergeChatRuns([runWith(new Map()), runWith(new Map())]).threadMs], []);
});

Deno.test("chat stack: runs' thread splits merge kind by kind", () => {
  const merged = mergeChatRuns([
    runWith(new Map([["main", 2], ["V8 helpers", 1], ["workers", 0], ["other", 0.5]])),
    runWith(new Map([["main", 3], ["V8 helpers", 0], ["workers", 1], ["other", 0.5]])),
  ]);
  assert.deepEqual([...merged.threadMs], [["main", 5], ["V8 helpers", 1], ["workers", 1], [
    "other",
    1,
  ]]);
});
