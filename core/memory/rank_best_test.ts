import assert from "node:assert/strict";
import { lowestOfBest } from "./rank_best.ts";

Deno.test("lowestOfBest is the count-th highest score, NaN when a score is no number", () => {
  const scores = [0.5, 0.9, 0.5, 0.1, 0.7];
  assert.equal(lowestOfBest(scores, 1), 0.9);
  assert.equal(lowestOfBest(scores, 2), 0.7);
  assert.equal(lowestOfBest(scores, 3), 0.5);
  assert.equal(lowestOfBest(scores, 4), 0.5);
  assert.ok(Number.isNaN(lowestOfBest([...scores, NaN], 2)));
});
