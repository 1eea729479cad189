import assert from "node:assert/strict";
import { freshness, isProtected, keepScore, planPrune } from "./prune.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import type { MemoryRecord } from "./schema.ts";

const NOW = Date.UTC(2026, 5, 1);
const ago = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

function memory(fields: Partial<MemoryRecord> = {}): MemoryRecord {
  const created = fields.created_at ?? ago(100);
  return sampleRecord({
    importance: 0.3,
    base_importance: 0.3,
    importance_set_at: created,
    created_at: created,
    ...fields,
  });
}

Deno.test("freshness is 1 up to 7 days, 0.1 from 90, linear between", () => {
  assert.equal(freshness(0), 1);
  assert.equal(freshness(7), 1);
  assert.ok(Math.abs(freshness(48.5) - 0.55) < 1e-9);
  assert.equal(freshness(90), 0.1);
  assert.equal(freshness(400), 0.1);
});

Deno.test("keep score weighs importance, use and freshness", () => {
  const score = keepScore(memory({ importance: 0.5, accessed_count: 4 }), NOW);
  assert.ok(Math.abs(score - (0.3 + 0.12 + 0.01)) < 1e-9);
  assert.ok(keepScore(memory({ created_at: ago(1) }), NOW) > keepScore(memory(), NOW));
});

Deno.test("protected: reflections, important, often used, or young and unread", () => {
  const old = { created_at: ago(400), importance: 0.05, accessed_count: 0 };
  assert.ok(isProtected(memory({ ...old, memory_type: "reflection" }), NOW));
  assert.ok(!isProtected(memory({ ...old, memory_type: "fact" }), NOW));
  assert.ok(isProtected(memory({ importance: 0.7 }), NOW));
  assert.ok(isProtected(memory({ accessed_count: 5 }), NOW));
  assert.ok(isProtected(memory({ created_at: ago(29) }), NOW));
  assert.ok(!isProtected(memory({ created_at: ago(29), accessed_count: 1 }), NOW));
  assert.ok(!isProtected(memory({ created_at: ago(31) }), NOW));
});

Deno.test("the plan prunes only above the threshold, lowest keep score first, down to the target", () => {
  const limits = { threshold: 10, target: 6 };
  const few = Array.from({ length: 10 }, () => memory());
  assert.equal(planPrune(few, limits, NOW).needed, false);
  assert.equal(planPrune(few, { ...limits, force: true }, NOW).victims.length, 4);

  const many = Array.from({ length: 12 }, (_, i) => memory({ importance: 0.1 + i / 100 }));
  const plan = planPrune(many, limits, NOW);
  assert.deepEqual(plan.victims.map((record) => record.id), many.slice(0, 6).map((r) => r.id));
});

Deno.test("when too few are unprotected, pruning stops above the target", () => {
  const records = [
    ...Array.from({ length: 10 }, () => memory({ importance: 0.9 })),
    memory(),
    memory(),
  ];
  const plan = planPrune(records, { threshold: 10, target: 6 }, NOW);
  assert.equal(plan.needed, true);
  assert.equal(plan.protectedCount, 10);
  assert.equal(plan.victims.length, 2);
});

Deno.test("freshness starts falling right after 7 days", () => {
  assert.equal(freshness(7), 1);
  assert.ok(Math.abs(freshness(8) - (1 - 0.9 / 83)) < 1e-12);
});

Deno.test("use counts up to 10 accesses in the keep score, no more", () => {
  const at = (accessed_count: number) =>
    keepScore(memory({ importance: 0.5, created_at: ago(3), accessed_count }), NOW);
  assert.ok(Math.abs(at(10) - (0.3 + 0.3 + 0.1)) < 1e-12);
  assert.equal(at(40), at(10));
});

Deno.test("an unread memory exactly 30 days old is no longer young", () => {
  assert.ok(!isProtected(memory({ created_at: ago(30) }), NOW));
});

Deno.test("a forced prune of a persona already at the target is not needed", () => {
  const six = Array.from({ length: 6 }, () => memory());
  assert.equal(planPrune(six, { threshold: 10, target: 6, force: true }, NOW).needed, false);
  assert.equal(
    planPrune([...six, memory()], { threshold: 10, target: 6, force: true }, NOW).needed,
    true,
  );
});

Deno.test("among equal keep scores the older memory goes first", () => {
  const older = memory({ created_at: ago(3), accessed_count: 1 });
  const newer = memory({ created_at: ago(2), accessed_count: 1 });
  const plan = planPrune([newer, older], { threshold: 1, target: 1 }, NOW);
  assert.deepEqual(plan.victims.map((record) => record.id), [older.id]);
});
