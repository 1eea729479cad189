import assert from "node:assert/strict";
import { SlotPostings } from "./slot_postings.ts";
import { buildPostings } from "./postings_build.ts";

Deno.test("born holds each term once however often it is given a posting again (attack35 A3)", () => {
  const postings = new SlotPostings();
  postings.born = new Set();
  const first = Uint32Array.from([1, 2, 3, 4]);
  const second = Uint32Array.from([5, 6, 7, 8]);
  const live = new Map<string, number>([["memory", 0]]);
  // One memory updated back and forth 100 times with no lookup between: each update takes the
  // old text's terms out of their postings (none left) and gives the new text's a posting.
  for (let update = 0; update < 100; update++) {
    const text = update % 2 === 0 ? first : second;
    postings.reserve(text.length, live);
    postings.add(0, text);
    postings.remove(0);
  }
  // A list held 400 ids (a text's words at each update).
  assert.deepEqual([...postings.born].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(postings.postings[1], undefined, "no memory holds the first text now");
});

Deno.test("born: the terms given a first posting by add, preallocate and adopt, none by a second document", () => {
  const postings = new SlotPostings();
  postings.born = new Set();
  postings.reserve(3, new Map());
  postings.add(0, Uint32Array.from([1, 1, 2]));
  assert.deepEqual([...postings.born], [1, 2]);
  postings.born.clear();
  postings.reserve(2, new Map([["a", 0]]));
  postings.add(1, Uint32Array.from([2, 3]));
  assert.deepEqual([...postings.born], [3], "term 2 had a posting already");
  postings.born.clear();
  postings.preallocate([0, 0, 0, 0, 2]);
  assert.deepEqual([...postings.born], [4]);
  // A load takes a build's postings over whole: each term any document holds is born once.
  const loaded = new SlotPostings();
  loaded.born = new Set();
  // Two documents, each its count, then its sorted term ids: [1, 3] and [3, 5].
  loaded.adopt(buildPostings(Uint32Array.from([2, 1, 3, 2, 3, 5]), 2));
  assert.deepEqual([...loaded.born].sort((a, b) => a - b), [1, 3, 5]);
});
