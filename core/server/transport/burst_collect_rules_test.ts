/**
 * What makes a burst and what makes quiet (burst_collect.ts, review47c H1, H2, L1): sockets that
 * close again add nothing, collections keep their least gap, a call in flight or served in the
 * window is not quiet, and a server whose allocation count cannot be read gets no collector.
 */
import assert from "node:assert/strict";
import { createLogger } from "../../log.ts";
import { BurstCollector, serverBurstCollector } from "./burst_collect.ts";
import { testCollector, until } from "./_burst_collect_test_utils.ts";

Deno.test("sockets opened and closed again make no burst, however many", () => {
  const { collector, counter, collections } = testCollector();
  try {
    // review47c's storm: open two, close them, again and again (never more than two open).
    for (let cycle = 0; cycle < 1_000; cycle++) {
      collector.noteUpgrade(1);
      collector.noteUpgrade(2);
    }
    assert.equal(collector.armed, false, "2,000 upgrades, never 3 sockets above the low");
    assert.equal(counter.looks, 0, "nothing looked for quiet");
    assert.deepEqual(collections, []);
    // Sockets that stay: the burst is counted from the lowest level (0 open at each cycle's end).
    collector.noteUpgrade(1);
    collector.noteUpgrade(2);
    collector.noteUpgrade(3);
    assert.equal(collector.armed, true, "three held sockets are a burst");
  } finally {
    collector.stop();
  }
});

Deno.test("after a collection the burst is counted from the sockets then open, or fewer", async () => {
  const { collector, collections } = testCollector();
  try {
    for (let open = 1; open <= 10; open++) collector.noteUpgrade(open);
    await until(() => collections.length === 1);
    assert.equal(collections.length, 1);
    collector.noteUpgrade(11);
    collector.noteUpgrade(12);
    assert.equal(collector.armed, false, "two above the ten held");
    // All closed, then three held again: a burst above the new low.
    collector.noteUpgrade(1);
    collector.noteUpgrade(2);
    assert.equal(collector.armed, false);
    collector.noteUpgrade(3);
    assert.equal(collector.armed, true);
  } finally {
    collector.stop();
  }
});

Deno.test("two collections keep the least gap between them", async () => {
  const { collector, counter, collections } = testCollector({ minGapMs: 60_000 });
  try {
    for (let open = 1; open <= 3; open++) collector.noteUpgrade(open);
    await until(() => collections.length === 1);
    for (let open = 4; open <= 6; open++) collector.noteUpgrade(open);
    assert.equal(collector.armed, true, "a second burst is counted");
    const looks = counter.looks;
    await until(() => collections.length > 1 || counter.looks >= looks + 6);
    assert.equal(collections.length, 1, "quiet, but within the gap: not collected again");
    assert.ok(counter.looks >= looks + 6, "still looking");
  } finally {
    collector.stop();
  }
});

Deno.test("no collection while a call is in flight or while calls come and go", async () => {
  const { collector, counter, collections, calls } = testCollector();
  try {
    calls.running = 1;
    for (let open = 1; open <= 3; open++) collector.noteUpgrade(open);
    await until(() => counter.looks >= 6);
    assert.deepEqual(collections, [], "a call in flight: not quiet");
    // None at a window's start, one at its end (a WebSocket call moves the tally only once
    // answered): each window's look and check read the allocation count once each, in turn.
    Object.defineProperty(calls, "running", {
      get: () => counter.looks % 2 === 0 ? 1 : 0,
      configurable: true,
    });
    const started = counter.looks;
    await until(() => counter.looks >= started + 6);
    assert.deepEqual(collections, [], "a call started in the window, still running: not quiet");
    Object.defineProperty(calls, "running", { value: 0, writable: true });
    // None in flight at any look, but one served between every two (the tally moves each time).
    Object.defineProperty(calls, "tally", { get: () => counter.looks, configurable: true });
    const looks = counter.looks;
    await until(() => counter.looks >= looks + 6);
    assert.deepEqual(collections, [], "calls served in every window: not quiet");
    assert.equal(collector.armed, true, "still waiting for quiet");
    Object.defineProperty(calls, "tally", { value: 7, writable: true });
    await until(() => collections.length > 0);
    assert.equal(collections.length, 1, "no call for a whole window: collected");
  } finally {
    collector.stop();
  }
});

Deno.test("no collector where V8's allocation count is not a finite number", () => {
  const log = createLogger("error", { write: () => {} });
  for (const reading of [undefined, NaN, Infinity, "12"]) {
    const collector = serverBurstCollector({ log, allocated: () => reading as number });
    assert.equal(collector, undefined, `allocated() = ${String(reading)}`);
  }
  const collector = serverBurstCollector({ log, allocated: () => 12 });
  assert.ok(collector instanceof BurstCollector, "a count that reads: a collector");
  collector.stop();
});
