/**
 * `bench:chat:timeline --openings`: how the first chats' burst is cut into phases, and the busy
 * time each chat waited behind.
 */
import assert from "node:assert/strict";
import { type CpuProfile, timeline } from "./bench/chat_timeline_profile.ts";
import { chatWaits, openingPhases } from "./bench/chat_timeline_openings.ts";
import type { Probe } from "./bench/chat_timeline_report.ts";

Deno.test("chat timeline openings: the burst's phases run from the first send to the last reply", () => {
  const probes: Probe[] = [
    { startUs: 1_200, model: { startUs: 1_500, endUs: 2_600 }, endUs: 2_700 },
    { startUs: 1_100, model: { startUs: 1_900, endUs: 2_500 }, endUs: 3_000 },
    // A chat that failed before its model call: its end stands for both.
    { startUs: 1_300, endUs: 1_400 },
  ];
  assert.deepEqual(openingPhases(probes, 1_000), [
    ["sent → first taken", 1_000, 1_100],
    ["first taken → last model call", 1_100, 1_900],
    // The failed chat's end (1,400) is no answer after the last call: the first answer is 2,500.
    ["last model call → first answer", 1_900, 2_500],
    ["first answer → last reply", 2_500, 3_000],
  ]);
  // A first send the clock puts after the first take (clocks of two processes) starts no later.
  assert.equal(openingPhases(probes, 1_150)[0]![1], 1_100);
});

Deno.test("chat timeline openings: a chat's wait is the busy time around its model call, not in it", () => {
  // One function, busy every 100 µs sample from 1,000 to 2,000 µs.
  const profile: CpuProfile = {
    nodes: [
      { id: 0, callFrame: { functionName: "(root)", url: "", lineNumber: 0 }, children: [1] },
      {
        id: 1,
        callFrame: { functionName: "recall", url: "file:///r/core/memory/m.ts", lineNumber: 0 },
      },
    ],
    startTime: 1_000,
    endTime: 2_000,
    samples: Array(10).fill(1),
    timeDeltas: Array(10).fill(100),
  };
  const view = timeline(profile);
  const waits = chatWaits(view, [
    // 300 µs before the model call, 200 after the answer; the 400 in between is not waited.
    { startUs: 1_000, model: { startUs: 1_300, endUs: 1_700 }, endUs: 1_900 },
    { startUs: 1_000, endUs: 1_100 },
  ]);
  assert.deepEqual(waits, [0.1, 0.5]);
});
