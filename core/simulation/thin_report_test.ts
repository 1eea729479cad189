/**
 * thinned(): each series evenly to at most `most` points, its first and last kept; with room for
 * one point only, that point is the last (review28 S16).
 */
import assert from "node:assert/strict";
import type { SimulationReport } from "./report.ts";
import { thinned } from "./thin_report.ts";

function report(ticks: number): SimulationReport {
  const points = [...Array(ticks + 1)].map((_, tick) => ({ tick }));
  return {
    energy: [{ persona_id: "p", name: "P", points }],
    relationships: [{ pair: "P & Q", persona_ids: ["p", "q"], points }],
  } as unknown as SimulationReport;
}

Deno.test("thinned keeps the first and last points, evenly between", () => {
  const kept = thinned(report(10), 3);
  assert.deepEqual(kept.energy[0]!.points.map((p) => p.tick), [0, 5, 10]);
  assert.deepEqual(kept.relationships[0]!.points.map((p) => p.tick), [0, 5, 10]);
  assert.equal(thinned(report(10), 20).energy[0]!.points.length, 11, "short series stay whole");
});

Deno.test("thinned to one point keeps the last; to none keeps nothing", () => {
  assert.deepEqual(thinned(report(10), 1).energy[0]!.points.map((p) => p.tick), [10]);
  assert.deepEqual(thinned(report(10), 1).relationships[0]!.points.map((p) => p.tick), [10]);
  assert.deepEqual(thinned(report(10), 0).energy[0]!.points, []);
});
