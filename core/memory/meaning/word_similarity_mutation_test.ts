import assert from "node:assert/strict";
import { confirmed } from "./word_similarity.ts";

const near = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);

Deno.test("a confirmed close synonym: 0.9 of the noisy-or (cosine 0.3 and 0.55: 0.62)", () => {
  near(confirmed(0.3, 0.55), 0.9 * (1 - 0.7 * 0.45));
  assert.equal(Math.round(confirmed(0.3, 0.55) * 100), 62);
});

Deno.test("a relation of exactly half a match is confirmed; one below it is not", () => {
  near(confirmed(0.3, 0.5), 0.9 * (1 - 0.7 * 0.5));
  assert.equal(confirmed(0.3, 0.45), 0.45, "a kind: the higher of the two");
  assert.equal(confirmed(0.3, 0.49), 0.49);
});
