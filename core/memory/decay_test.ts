import assert from "node:assert/strict";
import { decayedImportance, decayFraction, forcedDecay } from "./decay.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import type { MemoryRecord } from "./schema.ts";

const NOW = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();

function memory(fields: Partial<MemoryRecord> = {}): MemoryRecord {
  return sampleRecord({ importance_set_at: ago(30), created_at: ago(30), ...fields });
}

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≈ ${expected}`);

Deno.test("each curve takes the documented fraction, capped at 0.8", () => {
  const at = (days: number) => memory({ importance_set_at: ago(days) });
  close(decayFraction("linear", at(30), NOW), 0.3);
  close(decayFraction("linear", at(500), NOW), 0.8);
  close(decayFraction("exponential", at(30), NOW), 0.5);
  close(decayFraction("exponential", at(60), NOW), 0.75);
  close(decayFraction("exponential", at(365), NOW), 0.8);
  close(decayFraction("logarithmic", at(90), NOW), 0.8);
  close(decayFraction("logarithmic", at(9), NOW), Math.log(10) / Math.log(91));
  for (const mode of ["linear", "exponential", "logarithmic", "access_based"] as const) {
    assert.equal(decayFraction(mode, at(0), NOW), 0, `${mode} at age 0`);
  }
});

Deno.test("access_based counts from the last access and weighs how often it was used", () => {
  const base = { importance_set_at: ago(300) };
  const once = memory({ ...base, accessed_count: 1, last_accessed: ago(30) });
  close(decayFraction("access_based", once, NOW), 0.3);
  const never = memory({ importance_set_at: ago(30) });
  close(decayFraction("access_based", never, NOW), 0.6);
  const often = memory({ ...base, accessed_count: 3, last_accessed: ago(30) });
  close(decayFraction("access_based", often, NOW), 0.15);
});

Deno.test("decayed importance starts from the base, keeps the floor, skips exemptions", () => {
  const options = { mode: "linear" as const, floor: 0.1, now: NOW };
  assert.deepEqual(decayedImportance(memory({ importance: 0.4 }), options), { importance: 0.35 });
  const old = memory({ importance_set_at: ago(200), base_importance: 0.3 });
  assert.equal(decayedImportance(old, options).importance, 0.1, "0.06 is held at the floor");
  const low = memory({ importance_set_at: ago(200), base_importance: 0.05, importance: 0.05 });
  assert.equal(decayedImportance(low, options).importance, 0.05, "never raised to the floor");
  assert.deepEqual(
    decayedImportance(memory({ base_importance: 0.8, importance: 0.8 }), options),
    { importance: 0.8, exempt: "important" },
  );
  const used = memory({ last_accessed: ago(6.9), accessed_count: 1 });
  assert.equal(decayedImportance(used, options).exempt, "recently_used");
  const usedLongAgo = memory({ last_accessed: ago(7.1), accessed_count: 1 });
  assert.equal(decayedImportance(usedLongAgo, options).exempt, undefined);
});

Deno.test("a forced decay takes the factor off the current and the base importance", () => {
  const options = { factor: 0.5, floor: 0.1, now: NOW };
  assert.deepEqual(forcedDecay(memory({ importance: 0.4, base_importance: 0.6 }), options), {
    importance: 0.2,
    base_importance: 0.3,
  });
  assert.equal(
    forcedDecay(memory({ importance: 0.15, base_importance: 0.15 }), options).importance,
    0.1,
  );
  assert.equal(forcedDecay(memory({ base_importance: 0.9 }), options).exempt, "important");
});

Deno.test("a forced decay of 0.25 keeps three quarters", () => {
  const options = { factor: 0.25, floor: 0, now: NOW };
  assert.deepEqual(forcedDecay(memory({ importance: 0.4, base_importance: 0.6 }), options), {
    importance: 0.3,
    base_importance: 0.45,
  });
});

Deno.test("used exactly 7 days ago is no longer recent", () => {
  const options = { mode: "linear" as const, floor: 0, now: NOW };
  const week = memory({ last_accessed: ago(7), accessed_count: 1 });
  assert.equal(decayedImportance(week, options).exempt, undefined);
});

Deno.test("decayed importance is rounded to 3 decimals", () => {
  const options = { mode: "linear" as const, floor: 0, now: NOW };
  const record = memory({ importance_set_at: ago(1), base_importance: 0.5, importance: 0.5 });
  assert.equal(decayedImportance(record, options).importance, 0.495);
});

Deno.test("a date in the future (a skewed clock) counts as age 0, not as age", () => {
  const ahead = new Date(NOW + 30 * DAY).toISOString();
  assert.equal(decayFraction("linear", memory({ importance_set_at: ahead }), NOW), 0);
});
