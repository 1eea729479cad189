import assert from "node:assert/strict";
import { chainKeep, SUPERSEDED_KEEP } from "./chain_keep.ts";
import { isProtected, keepScore, planPrune } from "./prune.ts";
import { linkedChain, sampleRecord } from "./testing/record_fixture.ts";
import type { MemoryRecord } from "./schema.ts";

const NOW = Date.UTC(2026, 5, 1);
const ago = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

/** Old, unread memories of `importances`, each superseding the one before (a chain). */
function chain(...importances: number[]): MemoryRecord[] {
  return linkedChain(
    ...importances.map((importance, i) => sampleRecord({ importance, created_at: ago(200 - i) })),
  );
}

const own = {
  keep: (record: MemoryRecord) => keepScore(record, NOW),
  protect: (record: MemoryRecord) => isProtected(record, NOW),
};

Deno.test("a superseded memory counts half; the head keeps the best of its older links", () => {
  const [a, b, c] = chain(0.6, 0.1, 0.2);
  const [kc, ka, kb] = chainKeep([c!, a!, b!], own);
  assert.equal(kc!.record, c, "same order out");
  assert.ok(Math.abs(ka!.keep - keepScore(a!, NOW) * SUPERSEDED_KEEP) < 1e-12);
  assert.ok(Math.abs(kb!.keep - keepScore(b!, NOW) * SUPERSEDED_KEEP) < 1e-12, "middle: its own");
  assert.equal(kc!.keep, ka!.keep, "the head is kept as long as its best older version");
  assert.deepEqual([ka!.superseded, kb!.superseded, kc!.superseded], [true, true, false]);
});

Deno.test("a head replacing a protected memory is protected; a middle link is not", () => {
  const [a, b, c] = chain(0.8, 0.1, 0.1);
  const items = chainKeep([a!, b!, c!], own);
  assert.deepEqual(items.map((item) => item.protect), [true, false, true]);
});

Deno.test("a link to a memory not listed, or a cycle, leaves the standing alone", () => {
  const [a, b] = chain(0.3, 0.3);
  const lone = sampleRecord({ importance: 0.3, created_at: ago(200), superseded_by: "gone" });
  const looped = { ...b!, superseded_by: a!.id };
  const items = chainKeep([a!, looped, lone], own);
  assert.equal(items[2]!.keep, keepScore(lone, NOW));
  assert.equal(items[2]!.superseded, false);
  assert.ok(items.slice(0, 2).every((item) => item.superseded));
});

Deno.test("pruning never takes a chain's current memory before an older version", () => {
  const [x, y] = chain(0.6, 0.1); // y, the current one, scores lowest on its own
  const fillers = Array.from(
    { length: 4 },
    () => sampleRecord({ importance: 0.3, created_at: ago(150) }),
  );
  const plan = planPrune([x!, y!, ...fillers], { threshold: 5, target: 5 }, NOW);
  assert.deepEqual(plan.victims.map((record) => record.id), [x!.id], "the older one goes");
  const both = planPrune([x!, y!, ...fillers], { threshold: 5, target: 4 }, NOW);
  assert.deepEqual(both.victims.map((record) => record.id), [x!.id, y!.id], "then the head");
});

Deno.test("a protected older version protects the current one", () => {
  const [p, q] = chain(0.9, 0.1);
  const fillers = Array.from(
    { length: 3 },
    () => sampleRecord({ importance: 0.3, created_at: ago(150) }),
  );
  const plan = planPrune([p!, q!, ...fillers], { threshold: 2, target: 2 }, NOW);
  assert.equal(plan.protectedCount, 2);
  assert.ok(!plan.victims.includes(q!));
});
