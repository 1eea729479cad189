import assert from "node:assert/strict";
import type { Candidate, CandidateQuery } from "./backend.ts";
import type { Embedder } from "./embedder.ts";
import { subjectOverlap } from "./subject_overlap.ts";
import { TextFactors } from "./text_factors.ts";
import { STEMS_ONLY } from "./meaning/alignment.ts";
import { subjectComparer } from "./meaning/subject_alignment.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

/** A kept candidate of `content` (two with digits: they may be a fact and its update). */
function candidate(id: string, content: string): Candidate {
  return { lexical: 0.5, similarity: 0, record: sampleRecord({ id, content }) };
}

Deno.test("subjectOverlap weighs each compared word by the backend's weight of its own term", async () => {
  const older = candidate("a", "I run 5 km along the river every morning");
  const newer = candidate("b", "I now run 12 km along the canal every evening");
  const asked: string[] = [];
  // A weight of its own for each term (its place + 1): a term given another's weight shows.
  const backend = {
    termWeights: (query: CandidateQuery) => {
      asked.push(...query.terms);
      return Promise.resolve(query.terms.map((_, i) => i + 1));
    },
  };
  const overlap = await subjectOverlap([older, newer], {
    candidateQuery: { terms: [] } as unknown as CandidateQuery,
    limit: 5,
    factors: new TextFactors({}),
  }, { backend, embedder: {} as Embedder });
  assert.ok(overlap !== undefined, "two memories with numbers may pair");
  assert.ok(new Set(asked).size === asked.length && asked.length > 3, asked.join(" "));
  const weights = new Map(asked.map((term, i) => [term, i + 1]));
  const expected = subjectComparer({
    vectors: STEMS_ONLY,
    weightOf: (_word, stem) => weights.get(stem) ?? 0,
  })(older.record.content, newer.record.content);
  assert.deepEqual(overlap(older.record, newer.record), expected);
  assert.ok(expected.words > 0 && expected.words < 1, String(expected.words));
});
