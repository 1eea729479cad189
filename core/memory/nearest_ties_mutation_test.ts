/**
 * Pin of recall41's widening bound that mutation testing (mut46) found loose: past a tie at the
 * cut, `withTiesAtCut` asks for twice as many hits each time, but never for more than 4,000.
 */
import assert from "node:assert/strict";
import { withTiesAtCut } from "./nearest_ties.ts";

Deno.test("widening past a tie doubles what it asks for, up to 4,000 and no further", async () => {
  const asked: number[] = [];
  const hits = await withTiesAtCut(1, (n) => {
    asked.push(n);
    return Promise.resolve(Array.from({ length: n }, () => 0.5));
  }, (hit) => hit);
  assert.deepEqual(asked, [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4000]);
  assert.equal(hits.length, 4000);
});
