import assert from "node:assert/strict";
import { Int8Rows, quantize } from "./mod.ts";

/** A reproducible vector of `dimensions` components in -1..1. */
function vector(seed: number, dimensions: number): Float32Array {
  let state = seed * 2_654_435_761 >>> 0;
  return Float32Array.from({ length: dimensions }, () => {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    return state / 2 ** 31 - 1;
  });
}

/**
 * What the kernel computes for a stored row, worked out here: the query scaled to 16-bit levels
 * (as `unscaledScores` does), the integer dot product, times the row's float32 scale.
 */
function expected(row: Uint8Array, query: Float32Array, stride: number): number {
  let largest = 0;
  for (const value of query) largest = Math.max(largest, Math.abs(value));
  const scale = largest / 32_767;
  const levels = new Int8Array(row.buffer, row.byteOffset, stride);
  let total = 0;
  for (let d = 0; d < query.length; d++) total += levels[d]! * Math.round(query[d]! / scale);
  const rowScale = new DataView(row.buffer, row.byteOffset).getFloat32(stride, true);
  return Math.fround(Math.fround(total) * rowScale);
}

Deno.test("the kernel scores every row exactly, rows taken in pairs or one alone", () => {
  for (const dimensions of [16, 33, 100]) {
    // Odd counts end with a row the pairs leave over.
    for (const count of [1, 2, 3, 4, 5, 8, 9]) {
      const rows = new Int8Rows(dimensions, count);
      const stored = Array.from({ length: count }, (_, i) => quantize(vector(i + 1, dimensions)));
      stored.forEach((row, i) => rows.setRow(i, row));
      const query = vector(1_000 + count, dimensions);
      const { scores } = rows.unscaledScores(query, count);
      assert.equal(scores.length, count);
      stored.forEach((row, i) => {
        assert.equal(scores[i], expected(row, query, rows.stride), `${dimensions}/${count}/${i}`);
      });
    }
  }
});

Deno.test("a scan of fewer rows than are stored writes only those", () => {
  const rows = new Int8Rows(100, 7);
  for (let i = 0; i < 7; i++) rows.setRow(i, quantize(vector(i + 1, 100)));
  const query = vector(99, 100);
  const all = rows.unscaledScores(query, 7).scores.slice();
  const some = rows.unscaledScores(query, 3).scores;
  assert.deepEqual([...some], [...all.slice(0, 3)]);
});

Deno.test("scores times the scale are the cosines of unit vectors, within 0.002", () => {
  const dimensions = 100;
  const unit = (values: Float32Array) => {
    const norm = Math.hypot(...values);
    return values.map((value) => value / norm);
  };
  const rows = new Int8Rows(dimensions, 11);
  const vectors = Array.from({ length: 11 }, (_, i) => unit(vector(i + 7, dimensions)));
  vectors.forEach((row, i) => rows.setRow(i, quantize(row)));
  const query = unit(vector(5, dimensions));
  const { scores, scale } = rows.unscaledScores(query, 11);
  vectors.forEach((row, i) => {
    let cosine = 0;
    for (let d = 0; d < dimensions; d++) cosine += row[d]! * query[d]!;
    assert.ok(Math.abs(scores[i]! * scale - cosine) < 0.002, `row ${i}`);
  });
});

Deno.test("a row's dot product reads the rows where they are, before and after the memory grew", () => {
  const dimensions = 100;
  const rows = new Int8Rows(dimensions, 2);
  const dotOf = (row: Uint8Array, query: Float32Array) => {
    const levels = new Int8Array(row.buffer, 0, rows.stride);
    let sum = 0;
    for (let d = 0; d < dimensions; d++) sum += levels[d]! * query[d]!;
    return sum * new DataView(row.buffer).getFloat32(rows.stride, true);
  };
  const first = quantize(vector(1, dimensions));
  rows.setRow(0, first);
  const query = vector(7, dimensions);
  assert.equal(rows.dot(0, query), dotOf(first, query));
  // Past one 64 KiB page: the memory grows, its old buffer is gone.
  rows.grow(2_000);
  const last = quantize(vector(2, dimensions));
  rows.setRow(1_999, last);
  assert.equal(rows.dot(0, query), dotOf(first, query));
  assert.equal(rows.dot(1_999, query), dotOf(last, query));
});
