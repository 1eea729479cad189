import assert from "node:assert/strict";
import { chunks } from "./chunks.ts";

Deno.test("chunks splits a list into slices of at most the size, none empty", () => {
  assert.deepEqual(chunks([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(chunks([1, 2, 3, 4], 2), [[1, 2], [3, 4]]);
  assert.deepEqual(chunks([], 3), []);
});
