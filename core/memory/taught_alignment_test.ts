/**
 * Names the candidates teach (`meaning/taught_names.ts`) reach word alignment
 * (`candidate_alignment.ts`): with the shipped word vectors, neither "Rzeszow" nor "Przemysl" is
 * known, so a memory naming either answers "Poland" no better than the other, until another
 * candidate says what Rzeszow is.
 */
import assert from "node:assert/strict";
import type { Candidate } from "./backend.ts";
import { alignCandidates } from "./candidate_alignment.ts";
import { LocalEmbedder } from "./embedder.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { alignmentQueryOf } from "./testing/alignment_query.ts";

const embedder = new LocalEmbedder();
const weigher = {
  termWeights: (query: { terms: readonly string[] }) => Promise.resolve(query.terms.map(() => 1)),
};
const QUERY = "which family do I have in Poland";
const TAUGHT = "my mother is living alone in Rzeszow";
const UNTAUGHT = "my mother is living alone in Przemysl";
const TEACHER = "I am from Rzeszow, it is a city in the south east of Poland";

async function alignments(texts: readonly string[]): Promise<Map<string, number>> {
  const candidates: Candidate[] = texts.map((content) => ({
    lexical: 0.5,
    similarity: 0.5,
    record: sampleRecord({ content }),
  }));
  await alignCandidates(candidates, alignmentQueryOf(QUERY, 100), { weigher, embedder });
  return new Map(candidates.map((c) => [c.record.content, c.alignment!.score]));
}

Deno.test("a name another candidate says is in Poland answers Poland; an untaught one does not", async () => {
  const vectors = (await embedder.wordVectors!())!;
  assert.equal(vectors.has("rzeszow"), false);
  assert.equal(vectors.has("przemysl"), false);
  const untaught = await alignments([TAUGHT, UNTAUGHT]);
  assert.equal(untaught.get(TAUGHT), untaught.get(UNTAUGHT));
  const taught = await alignments([TAUGHT, UNTAUGHT, TEACHER]);
  assert.equal(taught.get(UNTAUGHT), untaught.get(UNTAUGHT));
  assert.ok(
    taught.get(TAUGHT)! > taught.get(UNTAUGHT)! + 0.05,
    `${taught.get(TAUGHT)} against ${taught.get(UNTAUGHT)}`,
  );
});
