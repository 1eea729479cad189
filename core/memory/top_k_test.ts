import assert from "node:assert/strict";
import { TopK } from "./top_k.ts";

Deno.test("TopK keeps the k highest scores; sortedByRow orders equal scores by row", () => {
  const top = new TopK(4);
  for (const [row, score] of [[9, 0.5], [2, 0.9], [7, 0.5], [4, 0.1], [1, 0.3], [3, 0.7]]) {
    top.offer(row!, score!);
  }
  assert.equal(top.size, 4);
  assert.equal(top.lowest, 0.5);
  assert.deepEqual(top.sortedByRow(), [
    { row: 2, score: 0.9 },
    { row: 3, score: 0.7 },
    { row: 7, score: 0.5 },
    { row: 9, score: 0.5 },
  ]);
});

Deno.test("a cleared TopK starts empty and keeps the next best k alone", () => {
  const top = new TopK(2);
  top.offer(1, 5);
  top.offer(2, 6);
  top.clear();
  assert.equal(top.size, 0);
  assert.equal(top.lowest, 0);
  top.offer(3, 1);
  assert.deepEqual(top.sortedByRow(), [{ row: 3, score: 1 }]);
  top.offer(4, 2);
  top.offer(5, 0.5);
  assert.deepEqual(top.sortedByRow(), [{ row: 4, score: 2 }, { row: 3, score: 1 }]);
});

Deno.test("TopK keeps the higher rows of equal scores (newer memories), whatever the order", () => {
  for (const order of [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [2, 5, 0, 4, 1, 3]]) {
    const top = new TopK(3);
    top.offer(9, 0.1);
    for (const row of order) top.offer(row, 0.5);
    assert.deepEqual(top.sortedByRow().map(({ row }) => row), [3, 4, 5], `offered ${order}`);
  }
  const top = new TopK(2);
  for (const [row, score] of [[1, 0.9], [2, 0.5], [3, 0.5], [0, 0.9]]) top.offer(row!, score!);
  assert.deepEqual(top.sortedByRow(), [{ row: 0, score: 0.9 }, { row: 1, score: 0.9 }]);
});

Deno.test("sortInPlace puts the pairs in sortedByRow's order (ties oldest first), with or without an order", () => {
  // A fixed pseudo-random stream: many ties (scores of a few values), rows offered in any order.
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const withOrder of [false, true]) {
    for (const k of [1, 2, 5, 16, 100]) {
      const order = Float64Array.from({ length: 400 }, (_, row) => (row * 37) % 400);
      const [a, b] = [
        new TopK(k, withOrder ? order : undefined),
        new TopK(k, withOrder ? order : undefined),
      ];
      for (let i = 0; i < 300; i++) {
        const row = Math.floor(next() * 400);
        const score = Math.floor(next() * 6) / 2;
        a.offer(row, score);
        b.offer(row, score);
      }
      const expected = a.sortedByRow();
      const size = b.sortInPlace();
      const sorted = Array.from(
        { length: size },
        (_, i) => ({ row: b.rowAt(i), score: b.scoreAt(i) }),
      );
      assert.deepEqual(sorted, expected, `k ${k}, order ${withOrder}`);
      // Cleared, it is a heap again.
      b.clear();
      b.offer(3, 1);
      b.offer(4, 2);
      assert.equal(b.sortInPlace(), Math.min(k, 2));
      assert.equal(b.rowAt(0), 4);
    }
  }
});

Deno.test("sortedPlaces reads the pairs in sorted()'s order (ties in heap order)", () => {
  let seed = 3;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const k of [1, 3, 16, 100]) {
    const top = new TopK(k);
    for (let i = 0; i < 400; i++) top.offer(Math.floor(next() * 1000), Math.floor(next() * 5) / 4);
    const places = Array.from(top.sortedPlaces());
    assert.deepEqual(
      places.map((place) => ({ row: top.rowAt(place), score: top.scoreAt(place) })),
      top.sorted(),
      `k ${k}`,
    );
  }
});
