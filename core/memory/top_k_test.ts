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
