/**
 * Pins of burst_collect.ts that mutation testing (mut64) found loose: V8's allocation count is a
 * number that grows, a process's own `gc` is called with the last-resort options, the default
 * calls never hold a collection back, the burst is counted from no socket, a stopped collector's
 * pending look never runs, the rate is bytes over the seconds between two looks, and each
 * collection is told the sockets the burst grew by and its pause, and a pending look keeps no
 * process alive.
 */
import assert from "node:assert/strict";
import {
  allocatedBytes,
  BurstCollector,
  lastResortCollection,
  QUIET_BYTES_PER_S,
  serverBurstCollector,
} from "./burst_collect.ts";
import type { Logger } from "../../log.ts";
import { testCollector, until } from "./_burst_collect_test_utils.ts";

/** Lets every timer due within `ms` run first (timers run in the order they fall due). */
const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("allocatedBytes: V8's count of bytes allocated, a finite number that grows", () => {
  const before = allocatedBytes();
  assert.equal(typeof before, "number");
  assert.ok(Number.isFinite(before) && before > 0);
  const kept: unknown[] = [];
  for (let i = 0; i < 10_000; i++) kept.push({ i });
  assert.ok(allocatedBytes() > before, `${kept.length} objects allocated`);
});

Deno.test("lastResortCollection: a process's own gc is called, with V8's last-resort options", () => {
  const global = globalThis as { gc?: unknown };
  const own = global.gc;
  const calls: unknown[] = [];
  global.gc = (options: unknown) => void calls.push(options);
  try {
    lastResortCollection()!();
  } finally {
    global.gc = own;
  }
  assert.deepEqual(calls, [{ type: "major", execution: "sync", flavor: "last-resort" }]);
});

Deno.test("BurstCollector: with no calls given, quiet alone makes the collection", async () => {
  const collections: number[] = [];
  const collector = new BurstCollector({
    collect: () => void collections.push(1),
    allocated: () => 0,
    burst: 3,
    checkMs: 1,
    minGapMs: 0,
  });
  try {
    for (let open = 1; open <= 3; open++) collector.noteUpgrade(open);
    await until(() => collections.length > 0);
    assert.equal(collections.length, 1);
  } finally {
    collector.stop();
  }
});

Deno.test("BurstCollector: the burst is counted from no socket open", () => {
  const { collector } = testCollector();
  collector.noteUpgrade(3);
  assert.equal(collector.armed, true, "three open at the first upgrade: a burst of three");
  collector.stop();
});

Deno.test("BurstCollector: stop clears the pending look: it never runs", async () => {
  const { collector, counter, collections } = testCollector();
  for (let open = 1; open <= 3; open++) collector.noteUpgrade(open);
  const looks = counter.looks;
  collector.stop();
  await after(20);
  assert.equal(counter.looks, looks, "no look after stop");
  assert.deepEqual(collections, []);
});

Deno.test("BurstCollector: each collection is told the sockets grown since the last and its pause", async () => {
  const told: { upgrades: number; ms: number }[] = [];
  const started = performance.now();
  const { collector, collections } = testCollector({ collected: (facts) => void told.push(facts) });
  try {
    for (let open = 1; open <= 3; open++) collector.noteUpgrade(open);
    await until(() => collections.length > 0);
    for (let open = 4; open <= 6; open++) collector.noteUpgrade(open);
    await until(() => collections.length > 1);
  } finally {
    collector.stop();
  }
  const elapsed = performance.now() - started;
  assert.deepEqual(told.map(({ upgrades }) => upgrades), [3, 3]);
  for (const { ms } of told) assert.ok(ms >= 0 && ms <= elapsed, `${ms} ms`);
});

Deno.test("BurstCollector: the rate is the bytes allocated over the seconds between two looks", async () => {
  // 20 ms between looks at least. Ten seconds' worth of the bound a look is busy for any look
  // under ten seconds apart; 16 ms' worth is under the bound for any look at least 20 ms apart,
  // and over it if the seconds were read short.
  const busy = testCollector({ checkMs: 20 });
  busy.counter.perLook = QUIET_BYTES_PER_S * 10;
  try {
    for (let open = 1; open <= 3; open++) busy.collector.noteUpgrade(open);
    await until(() => busy.counter.looks >= 4);
    assert.deepEqual(busy.collections, [], "busy: never collected");
  } finally {
    busy.collector.stop();
  }
  const light = testCollector({ checkMs: 20 });
  light.counter.perLook = QUIET_BYTES_PER_S * 16 / 1_000;
  try {
    for (let open = 1; open <= 3; open++) light.collector.noteUpgrade(open);
    await until(() => light.collections.length > 0);
    assert.deepEqual(light.collections, [2], "collected at the first check (the second read)");
  } finally {
    light.collector.stop();
  }
});

Deno.test("serverBurstCollector: its burst and calls are passed on; each pause is told in seconds and logged in ms", async () => {
  const global = globalThis as { gc?: unknown };
  const own = global.gc;
  // A collection that stops the process 5 ms at least, as V8's does for a while.
  global.gc = () => {
    const end = performance.now() + 5;
    while (performance.now() < end);
  };
  const logged: Record<string, unknown>[] = [];
  const log: Logger = {
    debug() {},
    info: (_message, fields) => void logged.push({ ...fields }),
    warn() {},
    error() {},
  };
  const paused: number[] = [];
  const calls = { running: 1, tally: 0 };
  let reads = 0;
  const started = performance.now();
  const collector = serverBurstCollector({
    log,
    burst: 3,
    allocated: () => ++reads && 0,
    paused: (seconds) => void paused.push(seconds),
    calls: () => calls,
  })!;
  try {
    for (let open = 1; open <= 3; open++) collector.noteUpgrade(open);
    assert.equal(collector.armed, true, "a burst of 3, as given");
    // The call running at the first look leaves that window unquiet, however it ends.
    calls.running = 0;
    // Two checks QUIET_CHECK_MS apart: waited for by turns (a bound, not an assertion).
    for (let turn = 0; turn < 4_000 && paused.length === 0 && reads <= 5; turn++) await after(5);
  } finally {
    collector.stop();
    global.gc = own;
  }
  const elapsed = (performance.now() - started) / 1000;
  assert.equal(
    reads,
    5,
    "read at the start, at two looks and two checks: the second check collected",
  );
  assert.equal(paused.length, 1);
  assert.ok(paused[0]! >= 0.005 && paused[0]! <= elapsed, `${paused[0]} s`);
  assert.deepEqual(logged, [{ upgrades: 3, pause_ms: Math.round(paused[0]! * 1000) }]);
});

Deno.test("BurstCollector: a pending look does not keep a process alive", async () => {
  // A process of its own that arms a collector over a count that never goes quiet, then ends its
  // script: the look's timer is unref'd, so the process exits (it would look forever otherwise).
  const script = `
    import { BurstCollector } from ${JSON.stringify(import.meta.resolve("./burst_collect.ts"))};
    let bytes = 0;
    const collector = new BurstCollector({
      collect: () => {},
      allocated: () => (bytes += 1e12),
      burst: 1,
      checkMs: 5,
    });
    collector.noteUpgrade(1);
    console.log(collector.armed);`;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-config", script],
    stdout: "piped",
    stderr: "piped",
    // A bound that turns a process kept alive into a failure, not a hang (it ends in ~1 s).
    signal: AbortSignal.timeout(60_000),
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr) || "killed: the process stayed alive");
  assert.equal(new TextDecoder().decode(stdout).trim(), "true", "armed, then the process ended");
});
