import assert from "node:assert/strict";
import { higher, lowestOfBest } from "./rank_best.ts";

Deno.test("lowestOfBest is the count-th highest score, NaN when a score is no number", () => {
  const scores = [0.5, 0.9, 0.5, 0.1, 0.7];
  assert.equal(lowestOfBest(scores, 1), 0.9);
  assert.equal(lowestOfBest(scores, 2), 0.7);
  assert.equal(lowestOfBest(scores, 3), 0.5);
  assert.equal(lowestOfBest(scores, 4), 0.5);
  assert.ok(Number.isNaN(lowestOfBest([...scores, NaN], 2)));
});

Deno.test("higher is the sign of x − y, 0 for NaN: a sort by it orders as a sort by the difference", () => {
  assert.equal(higher(0.7, 0.2), 1);
  assert.equal(higher(0.2, 0.7), -1);
  assert.equal(higher(0.5, 0.5), 0);
  assert.equal(higher(NaN, 1), 0);
  assert.equal(higher(Infinity, Infinity), 0);
  assert.equal(higher(-Infinity, 5), -1);
  const values = [0.3, NaN, 0.3, Infinity, 1e-300, 0, -0, 2e-300, -Infinity, 0.9, Infinity, NaN];
  const tagged = values.map((value, i) => ({ value, i }));
  for (let turn = 0; turn < 20; turn++) {
    // Each turn a different starting order (a fixed shuffle), ties kept in it.
    const start = tagged.map((_, i) => tagged[(i * 7 + turn) % tagged.length]!);
    const byDifference = [...start].sort((a, b) => b.value - a.value).map((item) => item.i);
    const bySign = [...start].sort((a, b) => higher(b.value, a.value)).map((item) => item.i);
    assert.deepEqual(bySign, byDifference);
  }
});
