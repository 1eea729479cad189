import assert from "node:assert/strict";
import { cutNewerFirst, tiedAtCut, withTiesAtCut } from "./nearest_ties.ts";

/** A store of `scores` (index = storing order) that answers nearest-n in an arbitrary tie order. */
function store(scores: number[]) {
  const asked: number[] = [];
  const hits = scores.map((similarity, order) => ({ order, similarity }))
    // Equal scores oldest first: the store's own order, not the one wanted.
    .sort((a, b) => b.similarity - a.similarity || a.order - b.order);
  return { asked, fetch: (n: number) => (asked.push(n), Promise.resolve(hits.slice(0, n))) };
}

Deno.test("a nearest-k query whose cut falls inside a tie is widened until the tie ends", async () => {
  const { asked, fetch } = store([0.9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.4, 0.3]);
  const hits = await withTiesAtCut(3, fetch, (hit) => hit.similarity);
  assert.deepEqual(asked, [4, 8]);
  const kept = cutNewerFirst(hits, 3, {
    similarity: (hit) => hit.similarity,
    newer: (a, b) => b.order - a.order,
  });
  assert.deepEqual(kept.map((hit) => hit.order), [0, 5, 4]);
});

Deno.test("a nearest-k query whose cut falls between two scores asks once", async () => {
  const { asked, fetch } = store([0.9, 0.8, 0.5, 0.5, 0.4]);
  const hits = await withTiesAtCut(2, fetch, (hit) => hit.similarity);
  assert.deepEqual(asked, [3]);
  assert.equal(tiedAtCut(hits, 2, (hit) => hit.similarity), false);
  assert.equal(tiedAtCut(hits, 3, (hit) => hit.similarity), false);
  assert.equal(
    tiedAtCut([...hits, { order: 3, similarity: 0.5 }], 3, (hit) => hit.similarity),
    true,
  );
});
