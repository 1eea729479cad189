import assert from "node:assert/strict";
import { whenQuiet } from "./quiet_moment.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the event loop busy with short callbacks (timers still fire on time between them). */
function shortBusyCallbacks(): () => void {
  const timer = setInterval(() => {
    const until = performance.now() + 0.6;
    while (performance.now() < until) { /* busy */ }
  }, 1);
  return () => clearInterval(timer);
}

Deno.test("a loop busy with short callbacks is not quiet, though its timers keep time", async () => {
  // A burst of model answers being read: no SQL, timers on time, the process working.
  let quiet = 0;
  const stopBusy = shortBusyCallbacks();
  const stop = whenQuiet({ activity: () => 0, quietMs: 10, onQuiet: () => quiet++ });
  try {
    await sleep(200);
    assert.equal(quiet, 0, "not quiet while the callbacks run");
    stopBusy();
    const deadline = Date.now() + 10_000;
    while (quiet === 0 && Date.now() < deadline) await sleep(5);
    assert.equal(quiet, 1, "quiet once they stop");
    await sleep(50);
    assert.equal(quiet, 1, "called once");
  } finally {
    stopBusy();
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
