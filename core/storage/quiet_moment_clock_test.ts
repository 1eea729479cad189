/**
 * `whenQuiet` on a clock, a CPU count and timers the test moves by hand (mut51): the thresholds
 * `QUIET_LATE_MS` and `QUIET_CPU_SHARE`, their overrides and what a busy look starts over, each
 * at its boundary. `quiet_moment_test.ts` watches the real process, whose load decides when.
 */
import assert from "node:assert/strict";
import process from "node:process";
import { QUIET_CPU_SHARE, QUIET_LATE_MS, type QuietWatch, whenQuiet } from "./quiet_moment.ts";

/**
 * One look: when its timer fires (ms), the process's CPU so far (ms, user and system time) and
 * the statement count.
 */
interface Look {
  at: number;
  cpu?: number;
  activity?: number;
}

/** What the watch did over the looks: the look it called `onQuiet` at (1-based), and so on. */
interface Watched {
  quietAt: number | undefined;
  quietCalls: number;
  /** The delay of every timer it set, in order. */
  delays: number[];
  /** Timers still set after the last look. */
  pending: number;
  /** Timers cleared by the function it returned. */
  cleared: number;
}

/**
 * Runs `whenQuiet` with `options` from time 0 (CPU 0, activity 0) and fires its timer once per
 * look, the clock, CPU and activity set to the look's first. Synchronous: the real timers and
 * clock are put back before it returns.
 */
function watchLooks(
  options: Omit<QuietWatch, "activity" | "onQuiet">,
  looks: readonly Look[],
  stopAfter = false,
): Watched {
  let clock = 0;
  let cpu = 0;
  let activity = 0;
  const timers = new Map<number, () => void>();
  let nextId = 1;
  let cleared = 0;
  const watched: Watched = {
    quietAt: undefined,
    quietCalls: 0,
    delays: [],
    pending: 0,
    cleared: 0,
  };
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const realCpuUsage = process.cpuUsage;
  Object.defineProperty(performance, "now", { value: () => clock, configurable: true });
  // Half in user time, half in system time: both are the process's.
  process.cpuUsage = (() => ({ user: cpu * 500, system: cpu * 500 })) as typeof process.cpuUsage;
  globalThis.setTimeout = ((callback: () => void, delay: number) => {
    watched.delays.push(delay);
    timers.set(nextId, callback);
    return nextId++;
  }) as unknown as typeof setTimeout;
  globalThis.clearTimeout = ((id: number) => {
    if (timers.delete(id)) cleared++;
  }) as unknown as typeof clearTimeout;
  try {
    let look = 0;
    const stop = whenQuiet({
      ...options,
      activity: () => activity,
      onQuiet: () => {
        watched.quietCalls++;
        watched.quietAt ??= look;
      },
    });
    for (const next of looks) {
      const [id, callback] = [...timers][0] ?? [];
      if (id === undefined) break;
      timers.delete(id);
      look++;
      clock = next.at;
      cpu = next.cpu ?? cpu;
      activity = next.activity ?? activity;
      callback!();
    }
    if (stopAfter) stop();
    watched.pending = timers.size;
    watched.cleared = cleared;
    return watched;
  } finally {
    delete (performance as { now?: unknown }).now;
    process.cpuUsage = realCpuUsage;
    globalThis.setTimeout = realSetTimeout;
    globalThis.clearTimeout = realClearTimeout;
  }
}

/** Looks every `every` ms, each `late` ms past its due time, from time 0. */
function lateLooks(count: number, every: number, late: number): Look[] {
  const looks: Look[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) looks.push({ at: at += every + late });
  return looks;
}

Deno.test("whenQuiet looks every half of quietMs and calls once quietMs have passed quiet", () => {
  const watched = watchLooks({ quietMs: 10 }, lateLooks(5, 5, 0));
  assert.deepEqual(watched.delays, [5, 5], "two looks, each half of quietMs after the last");
  assert.equal(watched.quietAt, 2, "10 ms of quiet at the second look, not later");
  assert.equal(watched.quietCalls, 1);
  assert.equal(watched.pending, 0, "no look after the quiet moment");
});

Deno.test("whenQuiet: a look QUIET_LATE_MS late keeps time, a later one does not", () => {
  assert.equal(QUIET_LATE_MS, 2);
  // Each look due half of quietMs after the last one fired.
  assert.equal(watchLooks({ quietMs: 10 }, lateLooks(2, 5, QUIET_LATE_MS)).quietAt, 2);
  const late = watchLooks({ quietMs: 10 }, lateLooks(8, 5, QUIET_LATE_MS + 0.01));
  assert.equal(late.quietAt, undefined, "every look late: never quiet");
  assert.equal(late.delays.length, 9, "still looking");
  // One late look starts the quiet over: 10 ms from it.
  const once = watchLooks({ quietMs: 10 }, [{ at: 5 }, { at: 13 }, { at: 18 }, { at: 23 }]);
  assert.equal(once.quietAt, 4);
});

Deno.test("whenQuiet: lateMs replaces QUIET_LATE_MS", () => {
  assert.equal(watchLooks({ quietMs: 10, lateMs: 4 }, lateLooks(2, 5, 4)).quietAt, 2);
  assert.equal(watchLooks({ quietMs: 10, lateMs: 4 }, lateLooks(6, 5, 4.01)).quietAt, undefined);
  assert.equal(watchLooks({ quietMs: 10, lateMs: Infinity }, lateLooks(2, 5, 1e6)).quietAt, 1);
});

Deno.test("whenQuiet: the process may use QUIET_CPU_SHARE of a core in the quiet, no more", () => {
  assert.equal(QUIET_CPU_SHARE, 0.2);
  // 1 ms of CPU in 5 ms, 2 ms in 10: the share exactly.
  const share = watchLooks({ quietMs: 10 }, [{ at: 5, cpu: 1 }, { at: 10, cpu: 2 }]);
  assert.equal(share.quietAt, 2);
  const over = watchLooks({ quietMs: 10 }, [
    { at: 5, cpu: 1.01 },
    { at: 10, cpu: 2.02 },
    { at: 15, cpu: 3.03 },
    { at: 20, cpu: 4.04 },
  ]);
  assert.equal(over.quietAt, undefined, "a little over the share at every look");
  // The CPU counts from the last busy look, over the time since it: 1 ms in the 10 ms after it.
  const after = watchLooks({ quietMs: 10 }, [
    { at: 5, cpu: 3 },
    { at: 10, cpu: 3.5 },
    { at: 15, cpu: 4 },
  ]);
  assert.equal(after.quietAt, 3);
});

Deno.test("whenQuiet: cpuShare replaces QUIET_CPU_SHARE", () => {
  const looks = [{ at: 5, cpu: 2.5 }, { at: 10, cpu: 5 }];
  assert.equal(watchLooks({ quietMs: 10 }, looks).quietAt, undefined);
  assert.equal(watchLooks({ quietMs: 10, cpuShare: 0.5 }, looks).quietAt, 2);
  assert.equal(watchLooks({ quietMs: 10, cpuShare: 0.49 }, looks).quietAt, undefined);
});

Deno.test("whenQuiet: a statement starts the quiet over from the look that saw it", () => {
  const watched = watchLooks({ quietMs: 10 }, [
    { at: 5 },
    { at: 10, activity: 1 },
    { at: 15 },
    { at: 20 },
  ]);
  assert.equal(watched.quietAt, 4, "10 ms after the look that saw the statement");
  // The count seen then is the new mark: no statement since, no activity.
  const twice = watchLooks({ quietMs: 10 }, [
    { at: 5, activity: 1 },
    { at: 10 },
    { at: 15, activity: 2 },
    { at: 20 },
    { at: 25 },
  ]);
  assert.equal(twice.quietAt, 5);
});

Deno.test("whenQuiet: quiet when exactly quietMs have passed, not before", () => {
  assert.equal(watchLooks({ quietMs: 10 }, [{ at: 5 }, { at: 9.99 }, { at: 14.99 }]).quietAt, 3);
  assert.equal(watchLooks({ quietMs: 8 }, [{ at: 4 }, { at: 8 }]).quietAt, 2);
});

Deno.test("whenQuiet: the function it returns clears the look it set", () => {
  const watched = watchLooks({ quietMs: 10 }, [{ at: 5, activity: 1 }], true);
  assert.equal(watched.cleared, 1);
  assert.equal(watched.pending, 0);
  assert.equal(watched.quietCalls, 0);
});
