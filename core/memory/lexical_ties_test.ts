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
  assert.deepEqual(
    hits.map((hit) => hit.id).sort((a, b) => a - b),
    [...Array(50).keys()].map((i) => i + 10),
  );
});
