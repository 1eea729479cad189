import assert from "node:assert/strict";
import { memoryPhrases, phraseRelation } from "./memory_phrases.ts";
import { WordVectors } from "./word_vectors.ts";
import { phraseTerms } from "./phrase_terms.ts";
import { alignment, weightedQuery } from "./alignment.ts";
import { KIND_SIMILARITY } from "./word_relations.ts";
import { stem, terms } from "../text.ts";

const MEMORY = "I take a pill for high blood pressure every morning.";

Deno.test("a memory's WordNet phrase is one more of its words, keyed by its terms", async () => {
  const words = await WordVectors.shared();
  const [phrase, ...others] = memoryPhrases(terms(MEMORY), words);
  assert.equal(others.length, 0);
  assert.equal(phrase!.word, "high blood pressur");
  assert.equal(phrase!.stem, phrase!.word);
  assert.ok(phrase!.synonyms!.includes(stem("hypertension")), `${phrase!.synonyms}`);
  assert.ok(phrase!.unit !== undefined, "the synonyms' mean vector");
  assert.equal(phrase!.related, undefined, "no relations of its own: it is a memory's word");
  assert.ok(words.contentWords(MEMORY).some((word) => word.word === phrase!.word));
  assert.deepEqual(memoryPhrases(terms("We took out the rubbish."), words), [], "no phrasal verb");
});

Deno.test("a query word that is a memory phrase's synonym aligns with it fully", async () => {
  const words = await WordVectors.shared();
  const query = weightedQuery("hypertension", () => 1);
  const found = alignment(query, { content: MEMORY, vectors: words });
  assert.equal(found.strongest, 1);
  assert.equal(found.score, 1);
  const unrelated = alignment(weightedQuery("hypertension", () => 1), {
    content: "I take the bus to work every morning.",
    vectors: words,
  });
  assert.ok(unrelated.score < 0.2, `${unrelated.score}`);
});

Deno.test("phraseRelation: a synonym fully, else the query word's closest relation", () => {
  const word = {
    word: "illness",
    stem: "ill",
    unit: undefined,
    related: new Map([["diseas", KIND_SIMILARITY]]),
  };
  assert.equal(phraseRelation(word, ["sick", "ill"]), 1);
  assert.equal(phraseRelation(word, ["malady", "diseas"]), KIND_SIMILARITY);
  assert.equal(phraseRelation(word, ["cold"]), 0);
  assert.equal(phraseRelation({ ...word, related: undefined }, ["diseas"]), 0);
});

Deno.test("a memory phrase never spans two sentences or clauses", async () => {
  const words = await WordVectors.shared();
  const phrased = (text: string) =>
    words.contentWords(text).filter((word) => word.synonyms !== undefined).map((word) => word.word);
  assert.deepEqual(phrased("I had a hot dog at the fair"), ["hot dog"]);
  assert.deepEqual(phrased("The soup was hot. Dog hair was in it"), []);
  assert.deepEqual(phrased("It was hot, dog tired as I was"), []);
  assert.deepEqual(phraseTerms("Soup was hot. Dog ran"), ["soup", "hot", "", "dog", "ran"]);
});
