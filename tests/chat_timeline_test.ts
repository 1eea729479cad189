/**
 * The pieces of `deno task bench:chat:timeline` that decide what its figures say: a CPU profile
 * read as a main-thread timeline (busy, idle and GC time in a window, busy stretches, garbage
 * collections, the step a sample belongs to), and the bench-only preload's memory stubs.
 */
import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import {
  type CpuProfile,
  type ProfileNode,
  stepOf,
  timeline,
  WORKER_START,
} from "./bench/chat_timeline_profile.ts";
import { nvpScavenges, workerStarts } from "./bench/chat_timeline_report.ts";

/** A profile of nodes named by `names` (1-based ids, all children of a root), sampled in turn. */
function profile(samples: Array<[string, string, number]>): CpuProfile {
  const names = [...new Set(samples.map(([name, url]) => `${name}\u0000${url}`))];
  const nodes: ProfileNode[] = [
    {
      id: 0,
      callFrame: { functionName: "(root)", url: "", lineNumber: 0 },
      children: names.map((_, i) => i + 1),
    },
    ...names.map((key, i) => {
      const [functionName, url] = key.split("\u0000") as [string, string];
      return { id: i + 1, callFrame: { functionName, url, lineNumber: 0 } };
    }),
  ];
  return {
    nodes,
    startTime: 1_000,
    endTime: 1_000 + samples.reduce((sum, [, , us]) => sum + us, 0),
    samples: samples.map(([name, url]) => names.indexOf(`${name}\u0000${url}`) + 1),
    timeDeltas: samples.map(([, , us]) => us),
  };
}

const RECALL: [string, string] = ["recall", "file:///repo/core/memory/memory_reads.ts"];
const STORE: [string, string] = ["store", "file:///repo/core/memory/memory_writer.ts"];
const IDLE: [string, string] = ["(idle)", ""];
const GC: [string, string] = ["(garbage collector)", ""];

Deno.test("chat timeline: a window counts busy and GC time, not idle time", () => {
  // Samples end at 1100, 1400, 1500, 1600, 1700 (each covers the time since the one before).
  const view = timeline(profile([
    [...RECALL, 100],
    [...IDLE, 300],
    [...GC, 100],
    [...STORE, 100],
    [...IDLE, 100],
  ]));
  assert.deepEqual(view.within(1_000, 1_700), { busyUs: 300, gcUs: 100 });
  // A sample belongs to the window its end time falls in.
  assert.deepEqual(view.within(1_100, 1_500), { busyUs: 100, gcUs: 100 });
  assert.deepEqual(
    [...view.steps(1_000, 1_700)].sort(),
    [["GC", 100], ["memory: recall and other", 100], ["memory: store", 100]],
  );
});

Deno.test("chat timeline: idle gaps up to the gap join busy stretches, longer ones split them", () => {
  // From 1000: recall to 2000, idle to 3500, store to 5500, idle to 8000, GC to 9200.
  const view = timeline(profile([
    [...RECALL, 1_000],
    [...IDLE, 1_500],
    [...STORE, 2_000],
    [...IDLE, 2_500],
    [...GC, 500],
    [...GC, 700],
  ]));
  const stretches = view.stretches(0, 2_000);
  assert.deepEqual(
    stretches.map((s) => [s.startUs, s.endUs]),
    [[1_000, 5_500], [8_000, 9_200]],
  );
  assert.deepEqual([...stretches[0]!.steps.keys()].sort(), [
    "memory: recall and other",
    "memory: store",
  ]);
  // One collection of two samples in a row.
  assert.deepEqual(view.collections(0), [[8_000, 1_200]]);
});

Deno.test("chat timeline: a sample's step is the first rule any frame of its stack meets", () => {
  const engine = "#send file:///repo/core/chat/engine.ts";
  assert.equal(
    stepOf([engine, "rememberExchange file:///repo/core/memory/service.ts"]),
    "memory: store",
  );
  assert.equal(
    stepOf([engine, "recall file:///repo/core/memory/memory_reads.ts"]),
    "memory: recall and other",
  );
  assert.equal(stepOf([engine, "append file:///repo/core/chat/history.ts"]), "chat: history");
  assert.equal(stepOf([engine]), "chat: engine, prompt");
  assert.equal(stepOf(["(garbage collector) "]), "GC");
  assert.equal(stepOf(["read ext:deno_fetch/26_fetch.js"]), "runtime (sockets, HTTP, timers)");
});

Deno.test("chat timeline: a worker's start is its own step, and reported as a one-off stall", () => {
  // The WAL checkpointer's worker, started inside a write of the mind's job insert.
  const start = [
    "#react file:///repo/core/mind/mind.ts",
    "afterWrite file:///repo/core/storage/checkpointer_start.ts",
    "Worker ext:runtime/11_workers.js",
    "op_create_worker ",
  ];
  assert.equal(stepOf(start), WORKER_START);
  const stretch = { startUs: 1_500, endUs: 30_500, steps: new Map([[WORKER_START, 23_000]]) };
  const other = { startUs: 40_000, endUs: 45_000, steps: new Map([["memory: store", 5_000]]) };
  assert.deepEqual(workerStarts([other, stretch], 500), [
    "  at +1.0 ms: 23.0 ms of main thread starting a worker (the WAL checkpointer's, once per " +
    "server), in a 29.0 ms busy stretch",
  ]);
});

/** The prototypes chat_probe.ts patches for good, and a way to put them back for later tests. */
async function patchedPrototypes() {
  const { MemoryService } = await import("../core/memory/service.ts");
  const { LlmService } = await import("../core/llm/service.ts");
  const { ChatEngine } = await import("../core/chat/engine.ts");
  const originals = {
    recall: MemoryService.prototype.recall,
    rememberExchange: MemoryService.prototype.rememberExchange,
    chat: LlmService.prototype.chat,
    sendMessage: ChatEngine.prototype.sendMessage,
  };
  const restore = () => {
    Deno.env.delete("BENCH_STUB_MEMORY");
    MemoryService.prototype.recall = originals.recall;
    MemoryService.prototype.rememberExchange = originals.rememberExchange;
    LlmService.prototype.chat = originals.chat;
    ChatEngine.prototype.sendMessage = originals.sendMessage;
  };
  return { MemoryService, restore };
}

Deno.test("chat probe: the memory stubs make recall and storing free", async () => {
  // The probe patches these prototypes for good: put them back for whatever runs after.
  const { MemoryService, restore } = await patchedPrototypes();
  Deno.env.set("BENCH_STUB_MEMORY", "both");
  try {
    await import("./bench/chat_probe.ts");
    const service = Object.create(MemoryService.prototype) as InstanceType<typeof MemoryService>;
    // No deps: the real methods would throw on them.
    assert.deepEqual(await service.recall({} as never, "hello", { limit: 3 }), []);
    assert.deepEqual(await service.rememberExchange({} as never), { memory_id: "stub" });
  } finally {
    restore();
  }
});

Deno.test("chat probe: the hop stubs answer recall and storing from a stand-in worker", async () => {
  const { MemoryService, restore } = await patchedPrototypes();
  Deno.env.set("BENCH_STUB_MEMORY", "hop-echo");
  // A module instance of its own (the test above imported the probe with another stub).
  const probe = await import("./bench/chat_probe.ts?hop-echo");
  try {
    const service = Object.create(MemoryService.prototype) as InstanceType<typeof MemoryService>;
    const persona = { id: "p1" } as never;
    const recalled = await service.recall(persona, "hello", { limit: 5 });
    assert.equal(recalled.length, 5);
    assert.match(recalled[0]!.content, /^user said: benchmark message 0/);
    const stored = await service.rememberExchange(
      { persona, message: "a", response: "b" } as never,
    );
    assert.match(stored.memory_id, /^mem_/);
  } finally {
    probe.closeHopWorker();
    restore();
  }
});

Deno.test("chat probe: hop-recall answers recall from the stand-in worker and leaves storing as is", async () => {
  const { MemoryService, restore } = await patchedPrototypes();
  const storing = MemoryService.prototype.rememberExchange;
  Deno.env.set("BENCH_STUB_MEMORY", "hop-recall");
  // The worker answers at once: the test times nothing.
  Deno.env.set("BENCH_HOP_RECALL_US", "0");
  const probe = await import("./bench/chat_probe.ts?hop-recall");
  try {
    const service = Object.create(MemoryService.prototype) as InstanceType<typeof MemoryService>;
    const recalled = await service.recall({ id: "p1" } as never, "hello", { limit: 3 });
    assert.equal(recalled.length, 3);
    assert.match(recalled[0]!.content, /^user said: benchmark message 0/);
    // A recall worker's bound: the exchange is still stored on the main thread, for real.
    assert.equal(MemoryService.prototype.rememberExchange, storing);
  } finally {
    Deno.env.delete("BENCH_HOP_RECALL_US");
    probe.closeHopWorker();
    restore();
  }
});

Deno.test("chat probe: after-reply answers at once and stores the exchange in the next turn", async () => {
  const { MemoryService, restore } = await patchedPrototypes();
  // The real store, as the probe finds it: a stand-in that records what it was asked to keep.
  const stored: unknown[] = [];
  MemoryService.prototype.rememberExchange = (exchange) => {
    stored.push(exchange);
    return Promise.resolve({ memory_id: "mem_1" });
  };
  Deno.env.set("BENCH_STUB_MEMORY", "after-reply");
  await import("./bench/chat_probe.ts?after-reply");
  try {
    const service = Object.create(MemoryService.prototype) as InstanceType<typeof MemoryService>;
    const exchange = { persona: { id: "p1" }, message: "a", response: "b" } as never;
    assert.deepEqual(await service.rememberExchange(exchange), { memory_id: "after-reply" });
    // The reply is on its way (every step to the socket is a microtask): nothing stored yet.
    assert.deepEqual(stored, []);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(stored, [exchange]);
  } finally {
    restore();
  }
});

Deno.test("--trace-gc-nvp lines give each scavenge's pause, survivors and promotion", () => {
  const line = (gc: string, pause: number) =>
    `[1:0x1:0]   711 ms: GC: {"pause":${pause},"gc":"${gc}","new_space_survived":2048,` +
    `"promoted":1024,"scavenge":0.9}`;
  assert.deepEqual(
    nvpScavenges([
      line("s", 1.5),
      line("mc", 9),
      "[1:0x1:0] 5 ms: Scavenge 1 (2) -> 1 (2) MB",
      "x",
    ]),
    [{ pauseMs: 1.5, survivedKb: 2, promotedKb: 1 }],
  );
});
