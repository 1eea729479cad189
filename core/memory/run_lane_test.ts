import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { RunLane } from "./run_lane.ts";

/** Work of `steps` awaits that all settle on microtasks (SQLite's), its start and end logged. */
async function onTheCpu(log: string[], name: string, steps = 5): Promise<string> {
  log.push(`${name} starts`);
  for (let i = 0; i < steps; i++) await Promise.resolve();
  log.push(`${name} ends`);
  return name;
}

Deno.test("work that never leaves the CPU runs one at a time, in order of arrival", async () => {
  const lane = new RunLane();
  const log: string[] = [];
  const results = await Promise.all(
    ["a", "b", "c"].map((name) => lane.run(() => onTheCpu(log, name))),
  );
  assert.deepEqual(results, ["a", "b", "c"]);
  assert.deepEqual(log, ["a starts", "a ends", "b starts", "b ends", "c starts", "c ends"]);
  assert.equal(lane.waiting, 0);
});

Deno.test("the next work starts within the same run of the event loop", async () => {
  const lane = new RunLane();
  const log: string[] = [];
  let timerFired = false;
  setTimeout(() => timerFired = true, 0);
  const both = Promise.all([
    lane.run(() => onTheCpu(log, "a")),
    lane.run(() => onTheCpu(log, "b")),
  ]);
  // Nothing between them gives way to a timer: the lane hands on by a microtask.
  await both;
  assert.equal(timerFired, false);
});

Deno.test("work waiting across a turn of the event loop lets every waiting one in", async () => {
  const lane = new RunLane();
  const log: string[] = [];
  const slow = lane.run(async () => {
    log.push("slow starts");
    await new Promise((resolve) => setTimeout(resolve, 20));
    log.push("slow ends");
  });
  const others = ["b", "c"].map((name) => lane.run(() => onTheCpu(log, name)));
  assert.equal(lane.waiting, 2);
  await Promise.all([slow, ...others]);
  // Let in together, the two run as they would without a lane.
  assert.deepEqual(log, ["slow starts", "b starts", "c starts", "b ends", "c ends", "slow ends"]);
  assert.equal(lane.waiting, 0);
});

Deno.test("a failing work passes its error on and the next one still runs", async () => {
  const lane = new RunLane();
  const log: string[] = [];
  // Set on the event loop's next turn: the next work must not wait for it.
  let turned = false;
  setImmediate(() => turned = true);
  const failing = lane.run(async () => {
    await Promise.resolve();
    throw new Error("broken");
  });
  const next = lane.run(() => {
    log.push(turned ? "next after a turn" : "next at once");
    return onTheCpu(log, "next");
  });
  await assert.rejects(failing, /broken/);
  assert.equal(await next, "next");
  assert.equal(log[0], "next at once");
  // A work that throws before its first await releases the lane too.
  const sync = lane.run(() => {
    throw new Error("at once");
  });
  await assert.rejects(sync, /at once/);
  assert.equal(await lane.run(() => onTheCpu(log, "after")), "after");
});

Deno.test("a long burst keeps its order through the queue's compaction", async () => {
  const lane = new RunLane();
  const log: string[] = [];
  const names = Array.from({ length: 100 }, (_, i) => `w${i}`);
  await Promise.all(names.map((name) => lane.run(() => onTheCpu(log, name, 2))));
  assert.deepEqual(log, names.flatMap((name) => [`${name} starts`, `${name} ends`]));
  // Work arriving after the burst, alone, starts at once.
  const alone: string[] = [];
  const running = lane.run(() => onTheCpu(alone, "alone"));
  assert.deepEqual(alone, ["alone starts"]);
  await running;
});
