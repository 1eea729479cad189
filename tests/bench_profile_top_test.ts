/**
 * `profile_top.ts` on a loaded machine: a sample whose gap since the one before is far past the
 * profile's usual interval had the thread off its core, and is left out of the self times (its
 * time is reported apart); an idle thread's long gaps are its own.
 */
import assert from "node:assert/strict";
import {
  type CpuProfile,
  OFF_CORE_INTERVALS,
  offCoreBoundUs,
  offCoreTime,
  topCosts,
} from "./bench/profile_top.ts";

/** A profile of `samples`: [function, gap µs] each (`(idle)` the idle node). */
function profileOf(samples: ReadonlyArray<[string, number]>): CpuProfile {
  const names = [...new Set(samples.map(([name]) => name))];
  const nodes = names.map((name, i) => ({
    id: i + 1,
    callFrame: { functionName: name, url: name === "(idle)" ? "" : "file:///x.ts", lineNumber: 0 },
  }));
  return {
    nodes,
    startTime: 0,
    endTime: samples.reduce((sum, [, us]) => sum + us, 0),
    samples: samples.map(([name]) => names.indexOf(name) + 1),
    timeDeltas: samples.map(([, us]) => us),
  };
}

/** Self ms by function name (the name as `topCosts` prints it, file and line left out). */
function selfMs(profile: CpuProfile, options?: { keepOffCore?: boolean }): Map<string, number> {
  return new Map(topCosts(profile, options).map((cost) => [cost.name.split(" ")[0]!, cost.selfMs]));
}

Deno.test("profile_top leaves out a sample far past the usual gap: the thread was off its core", () => {
  const samples: Array<[string, number]> = Array.from({ length: 20 }, () => ["work", 100]);
  samples.push(["regexp", 100], ["regexp", 39_900]);
  const profile = profileOf(samples);
  const self = selfMs(profile);
  assert.equal(self.get("work"), 2);
  assert.equal(self.get("regexp"), 0.1, "the 39.9 ms gap is not the regexp's");
  assert.deepEqual(offCoreTime(profile), { samples: 1, ms: 39.9 });
  // Kept when asked (the old reading).
  assert.equal(selfMs(profile, { keepOffCore: true }).get("regexp"), 40);
});

Deno.test("profile_top's bound is OFF_CORE_INTERVALS (4) times the median gap, inclusive", () => {
  assert.equal(OFF_CORE_INTERVALS, 4);
  const samples: Array<[string, number]> = Array.from({ length: 9 }, () => ["work", 50]);
  samples.push(["edge", 200], ["past", 201]);
  const profile = profileOf(samples);
  assert.equal(offCoreBoundUs(profile), 200);
  const self = selfMs(profile);
  assert.equal(self.get("edge"), 0.2, "a gap of exactly the bound is the thread's own");
  assert.equal(self.get("past"), undefined);
});

Deno.test("profile_top keeps an idle thread's long gaps: it waited for work, not for a core", () => {
  const samples: Array<[string, number]> = Array.from({ length: 9 }, () => ["work", 100]);
  samples.push(["(idle)", 5_000]);
  const profile = profileOf(samples);
  assert.equal(selfMs(profile).get("((idle))"), 5);
  assert.deepEqual(offCoreTime(profile), { samples: 0, ms: 0 });
});
