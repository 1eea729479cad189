/**
 * Word alignment weighs at most ALIGNED_QUERY_WORDS query words, the heaviest (attack33 A5: a
 * 2,000-character chat message aligned every word with every word of each long memory).
 */
import assert from "node:assert/strict";
import { alignCandidates, ALIGNED_QUERY_WORDS, heaviestWords } from "./candidate_alignment.ts";
import { LocalEmbedder } from "./embedder.ts";
import { analysedTerms } from "./text.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { alignmentQueryOf } from "./testing/alignment_query.ts";

const NOUNS = ("harbour lantern violin garden kettle bridge pepper window candle mirror pencil " +
  "carpet blanket castle forest island river mountain valley meadow village market bakery " +
  "library museum theatre station airport hospital school office factory warehouse cottage " +
  "chimney ladder hammer bucket shovel basket bottle jacket helmet saddle anchor compass").split(
    " ",
  );

Deno.test("heaviestWords keeps the heaviest, the first of equal weights, in their own order", () => {
  const words = [1, 5, 3, 5, 2].map((weight, i) => ({ word: `w${i}`, weight }));
  assert.deepEqual(heaviestWords(words, 3).map((item) => item.word), ["w1", "w2", "w3"]);
  assert.deepEqual(heaviestWords(words, 2).map((item) => item.word), ["w1", "w3"]);
  assert.equal(heaviestWords(words, 5), words);
});

Deno.test("a long query aligns its ALIGNED_QUERY_WORDS heaviest words only", async () => {
  assert.equal(ALIGNED_QUERY_WORDS, 32);
  assert.ok(NOUNS.length > ALIGNED_QUERY_WORDS + 10);
  const text = `Tell me about the ${NOUNS.join(" and the ")}`;
  const terms = analysedTerms(text);
  // The later words weigh more: the last ALIGNED_QUERY_WORDS of them are kept.
  const weigher = {
    termWeights: (query: { terms: readonly string[] }) =>
      Promise.resolve(query.terms.map((term) => 1 + terms.indexOf(term))),
  };
  const candidates = [{
    lexical: 0.5,
    similarity: 0.5,
    record: sampleRecord({ content: "I keep a lantern in the harbour cottage" }),
  }];
  const aligned = await alignCandidates(candidates, alignmentQueryOf(text, 5), {
    weigher,
    embedder: new LocalEmbedder(),
  });
  assert.ok(aligned !== undefined);
  assert.equal(aligned.words.length, ALIGNED_QUERY_WORDS);
  const kept = new Set(aligned.words.map((item) => item.word));
  assert.ok(kept.has("compass") && kept.has("anchor"));
  assert.ok(!kept.has("harbour") && !kept.has("lantern"));
});
