import assert from "node:assert/strict";
import { KINDS_AGREEMENT, memberCentroid } from "./class_centroid.ts";

Deno.test("memberCentroid: kinds whose agreement with the relatives is exactly KINDS_AGREEMENT stand for the class", () => {
  // The agreement is the dot product of float32 vectors summed in double. Three float32 parts of
  // 0.9 (the nearest float32, then what each leaves) sum to exactly 0.9, the bound itself.
  const first = Math.fround(KINDS_AGREEMENT);
  const second = Math.fround(KINDS_AGREEMENT - first);
  const kinds = Float32Array.of(first, second, Math.fround(KINDS_AGREEMENT - first - second));
  const relatives = Float32Array.of(1, 1, 1);
  assert.equal(kinds[0]! + kinds[1]! + kinds[2]!, KINDS_AGREEMENT);
  assert.equal(memberCentroid(relatives, kinds), kinds);
  // A float32 step below the bound: the relatives stay the class.
  const below = Float32Array.of(first, 0, 0);
  assert.ok(below[0]! < KINDS_AGREEMENT);
  assert.equal(memberCentroid(relatives, below), relatives);
});
