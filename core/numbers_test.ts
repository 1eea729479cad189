/**
 * Pins the shared numeric helpers every rule module builds on: clamping both ends, rounding half
 * up, the saturating step (full step up to half the range away from the end it moves towards,
 * then proportional to the room left), the mean of nothing, and FNV-1a's published values.
 */
import assert from "node:assert/strict";
import {
  addCount,
  clamp,
  clamp01,
  COUNT_MAX,
  finiteIn,
  fnv1a,
  mean,
  roundTo,
  saturatingMove,
  storedCount,
} from "./numbers.ts";

Deno.test("clamp limits both ends", () => {
  assert.equal(clamp(5, 0, 1), 1);
  assert.equal(clamp(-5, 0, 1), 0);
  assert.equal(clamp(0.4, 0, 1), 0.4);
  assert.equal(clamp01(2), 1);
  assert.equal(clamp01(-2), 0);
});

Deno.test("roundTo rounds to the nearest, halves up", () => {
  assert.equal(roundTo(0.126, 2), 0.13);
  assert.equal(roundTo(0.125, 2), 0.13);
  assert.equal(roundTo(0.124, 2), 0.12);
});

Deno.test("a saturating step is whole while half the range is left, then shrinks with the room", () => {
  assert.equal(saturatingMove(0, 0.1, -1, 1), 0.1, "room 1 of a half range of 1");
  assert.ok(Math.abs(saturatingMove(0.5, 0.2, -1, 1) - 0.6) < 1e-12, "room 0.5: half the step");
  assert.ok(Math.abs(saturatingMove(0.5, -0.2, -1, 1) - 0.3) < 1e-12, "down from 0.5: whole");
  assert.ok(Math.abs(saturatingMove(-0.5, -0.2, -1, 1) + 0.6) < 1e-12, "room 0.5 below");
  assert.ok(Math.abs(saturatingMove(0.75, 0.2, 0, 1) - 0.85) < 1e-12, "0..1: half range 0.5");
  assert.equal(saturatingMove(0.9, 5, -1, 1), 1, "never past the end");
  assert.equal(saturatingMove(-0.9, -5, -1, 1), -1);
});

Deno.test("the mean of nothing is 0", () => {
  assert.equal(mean([]), 0);
  assert.equal(mean([1, 2, 6]), 3);
});

Deno.test("fnv1a gives the published 32-bit FNV-1a values", () => {
  assert.equal(fnv1a(""), 0x811c9dc5);
  assert.equal(fnv1a("a"), 0xe40c292c);
  assert.equal(fnv1a("foobar"), 0xbf9cf968);
});

Deno.test("a stored count is whole and in 0..10^9; anything else is held there", () => {
  assert.equal(COUNT_MAX, 1_000_000_000);
  assert.equal(storedCount(COUNT_MAX), COUNT_MAX);
  assert.equal(storedCount(COUNT_MAX + 1), COUNT_MAX);
  assert.equal(storedCount(Number.MAX_SAFE_INTEGER + 1), COUNT_MAX);
  assert.equal(storedCount(2n ** 63n - 1n), COUNT_MAX);
  assert.equal(storedCount(7n), 7);
  assert.equal(storedCount(-1n), 0);
  assert.equal(storedCount(Infinity), COUNT_MAX);
  assert.equal(storedCount(-5), 0);
  assert.equal(storedCount(2.5), 3);
  for (const junk of [NaN, "7", null, undefined, {}]) assert.equal(storedCount(junk), 0);
});

Deno.test("adding to a count saturates at 10^9", () => {
  assert.equal(addCount(0), 1);
  assert.equal(addCount(COUNT_MAX - 1), COUNT_MAX);
  assert.equal(addCount(COUNT_MAX), COUNT_MAX);
  assert.equal(addCount(Number.MAX_SAFE_INTEGER), COUNT_MAX, "a count past the bound comes back");
  assert.equal(addCount(5, 10), 15);
  assert.equal(addCount(5, -10), 0);
});

Deno.test("finiteIn holds a number to its range and replaces NaN and non-numbers", () => {
  assert.equal(finiteIn(0.5, 0, 1), 0.5);
  assert.equal(finiteIn(Infinity, 0, 1), 1);
  assert.equal(finiteIn(-Infinity, -1, 1), -1);
  assert.equal(finiteIn(NaN, -1, 1, 0), 0);
  assert.equal(finiteIn("0.5", 0, 1, 0.25), 0.25);
});
