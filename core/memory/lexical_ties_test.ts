import assert from "node:assert/strict";
import { LexicalIndex, queryTerms } from "./lexical_index.ts";

const FIELDS = { importance: 0.5, memoryType: "fact", visibility: "private" } as const;
const ALL = { minImportance: 0, visibilities: ["private", "shared", "public"] } as const;

Deno.test("of equal BM25 scores the index keeps the later documents (newer memories)", () => {
  const index = new LexicalIndex<number>();
  // Sixty versions of one fact, worded alike: every one scores the same for the query.
  for (let i = 0; i < 60; i++) index.upsert(i, `My address is house ${i} on Walrus street`, FIELDS);
  const hits = index.search({ terms: queryTerms("address on Walrus street") }, 50, ALL);
  assert.equal(hits.length, 50);
  assert.equal(new Set(hits.map((hit) => hit.lexical)).size, 1, "a tie");
  // Kept: the newest 50; listed in the stable order, oldest first (review40 R6: in order).
  assert.deepEqual(hits.map((hit) => hit.id), [...Array(50).keys()].map((i) => i + 10));
});

Deno.test("ties keep the newer memory after a delete frees a slot and after a re-index", () => {
  const index = new LexicalIndex<number>();
  index.upsert(0, "unrelated words here", FIELDS);
  for (let i = 1; i <= 5; i++) index.upsert(i, "My address is house on Walrus street", FIELDS);
  index.remove(0); // a delete or a prune: slot 0 is free
  index.upsert(6, "My address is house on Walrus street", FIELDS); // the newest takes slot 0
  const query = { terms: queryTerms("address on Walrus street") };
  // In the stable order: 6 is the newest though it took slot 0.
  assert.deepEqual(index.search(query, 3, ALL).map((hit) => hit.id), [4, 5, 6]);
  // Re-indexing an old memory (an update) keeps its place: it is no newer for that.
  index.upsert(1, "My address is house on Walrus street", FIELDS);
  assert.deepEqual(index.search(query, 3, ALL).map((hit) => hit.id), [4, 5, 6]);
  // With a filter (the other pass) too.
  const facts = { ...ALL, memoryType: "fact" };
  assert.deepEqual(index.search(query, 3, facts).map((hit) => hit.id), [4, 5, 6]);
});
