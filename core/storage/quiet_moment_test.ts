import assert from "node:assert/strict";
import process from "node:process";
import { whenQuiet } from "./quiet_moment.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each stretch of the watch's length (ms) must use this share of a core for the loop to be busy. */
const STRETCH_MS = 10;
const BUSY_SHARE = 0.3;

/** The process's CPU so far (ms, every thread): what the watch counts. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Keeps the event loop busy with short callbacks, two timers' worth (timers still fire on time
 * between them), and tells whether it really was busy: a process starved of a core on a loaded
 * machine spins on the clock without the CPU, and then it is quiet by every measure the watch has.
 */
function shortBusyCallbacks(): { stop(): void; starved(): boolean } {
  const began = performance.now();
  const cpuPerStretch: number[] = [];
  const spin = () => {
    const start = performance.now();
    const cpuStart = cpuMs();
    const until = start + 0.6;
    while (performance.now() < until) { /* busy */ }
    const stretch = Math.floor((start - began) / STRETCH_MS);
    cpuPerStretch[stretch] = (cpuPerStretch[stretch] ?? 0) + cpuMs() - cpuStart;
  };
  const timers = [setInterval(spin, 1), setInterval(spin, 1)];
  return {
    stop: () => timers.forEach(clearInterval),
    starved: () => {
      const stretches = Math.floor((performance.now() - began) / STRETCH_MS);
      for (let stretch = 0; stretch < stretches; stretch++) {
        if ((cpuPerStretch[stretch] ?? 0) < BUSY_SHARE * STRETCH_MS) return true;
      }
      return false;
    },
  };
}

/** One watch over 200 ms of busy callbacks: how often it was quiet, and whether the loop starved. */
async function watchBusyLoop(): Promise<{ quiet: number; starved: boolean }> {
  let quiet = 0;
  const busy = shortBusyCallbacks();
  const stop = whenQuiet({ activity: () => 0, quietMs: 10, onQuiet: () => quiet++ });
  try {
    await sleep(200);
    return { quiet, starved: busy.starved() };
  } finally {
    busy.stop();
    stop();
  }
}

Deno.test("a loop busy with short callbacks is not quiet, though its timers keep time", async () => {
  // A burst of model answers being read: no SQL, timers on time, the process working. On a
  // loaded machine the callbacks themselves may starve (then the process is idle, and quiet is
  // right): such a try proves nothing, so it is tried again, up to ten times.
  let judged = false;
  for (let attempt = 0; attempt < 10 && !judged; attempt++) {
    const { quiet, starved } = await watchBusyLoop();
    if (starved) continue;
    judged = true;
    assert.equal(quiet, 0, "not quiet while the callbacks run");
  }
  if (!judged) console.warn("every try starved of a core: the busy loop was never busy");
  let quiet = 0;
  const stop = whenQuiet({ activity: () => 0, quietMs: 10, onQuiet: () => quiet++ });
  try {
    const deadline = Date.now() + 10_000;
    while (quiet === 0 && Date.now() < deadline) await sleep(5);
    assert.equal(quiet, 1, "quiet once they stop");
    await sleep(50);
    assert.equal(quiet, 1, "called once");
  } finally {
    stop();
  }
});

Deno.test("statements keep it from being quiet; a stopped watch never calls", async () => {
  let statements = 0;
  let quiet = 0;
  const reads = setInterval(() => statements++, 3);
  const stop = whenQuiet({ activity: () => statements, quietMs: 10, onQuiet: () => quiet++ });
  try {
    await sleep(150);
    assert.equal(quiet, 0);
  } finally {
    clearInterval(reads);
    stop();
  }
  await sleep(100);
  assert.equal(quiet, 0, "stopped before it was quiet");
});
