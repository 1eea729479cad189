import assert from "node:assert/strict";
import { typoApart, typoEditsFor, UNKNOWN_PAIR_MIN_LETTERS } from "./typo_pairs.ts";
import { TYPO_SIMILARITY } from "./typo_forms.ts";
import { preparedSimilarity } from "./word_similarity.ts";
import { highestByStems, highestOneByOne, INDEXED_FROM } from "./stem_lookup.ts";
import { WordVectors } from "./word_vectors.ts";
import { rankedAmong } from "../testing/ranked_among.ts";

Deno.test("typoApart: one edit up to six letters, two past, the first letter kept, plain letters", () => {
  const pairs: [string, string, number, boolean, string][] = [
    ["roff", "roof", 4, true, "a four-letter slip of a known word"],
    ["dauther", "daugther", 5, true, "a different slip on each side, one edit apart"],
    ["whitfeild", "whitfield", 5, true, "two neighbours swapped"],
    ["dauther", "daughter", 4, true, "seven letters: two edits"],
    ["apprentiship", "apprenticeship", 4, true, "two letters left out of a long word"],
    ["roff", "rolls", 4, false, "two edits in a short word"],
    ["seprte", "separate", 4, false, "two edits from a six-letter word"],
    ["mara", "maria", UNKNOWN_PAIR_MIN_LETTERS, false, "two names, too short"],
    ["jon", "joe", 4, false, "three letters"],
    ["kavor", "favor", 4, false, "the first letter differs"],
    ["1000mg", "100mg", 4, false, "not plain letters"],
    ["roof", "roof", 4, false, "the same word"],
    ["daugther", "dauther", 5, true, "either way round"],
  ];
  for (const [a, b, fewest, apart, why] of pairs) assert.equal(typoApart(a, b, fewest), apart, why);
  assert.deepEqual([4, 6, 7, 12].map(typoEditsFor), [1, 1, 2, 2]);
});

Deno.test("preparedSimilarity: a slip on either side, or a different one on each, at the typo weight; two known words never", async () => {
  const vectors = await WordVectors.shared();
  const memory = (word: string) => vectors.contentWords(word)[0]!;
  // Both unknown to the vectors: "dauther" asked, "daugther" stored.
  assert.equal(vectors.prepare("dauther").unit, undefined);
  assert.equal(memory("daugther").unit, undefined);
  assert.equal(preparedSimilarity(vectors.prepare("dauther"), memory("daugther")), TYPO_SIMILARITY);
  // The query's slip, the memory right.
  assert.equal(preparedSimilarity(vectors.prepare("roff"), memory("roof")), TYPO_SIMILARITY);
  assert.equal(
    preparedSimilarity(vectors.prepare("whitfeild"), memory("whitfield")),
    TYPO_SIMILARITY,
  );
  // The memory's slip, two edits from a long known word.
  assert.equal(
    preparedSimilarity(vectors.prepare("apprenticeship"), memory("apprentiship")),
    TYPO_SIMILARITY,
  );
  // A known word is spelt right: "cloth" is no slip of "close".
  assert.ok(preparedSimilarity(vectors.prepare("cloth"), memory("close")) < TYPO_SIMILARITY);
});

Deno.test("highestByStems: a long text's slips looked up by first letter and length, as one by one", async () => {
  const vectors = await WordVectors.shared();
  const filler = Array.from({ length: INDEXED_FROM }, (_, i) => `qzf${"abcdefghij"[i % 10]}${i}`);
  const words = vectors.contentWords(`mrs whitfield taught me english ${filler.join(" ")}`);
  assert.ok(words.length >= INDEXED_FROM);
  const asked = vectors.prepare("whitfeild");
  assert.equal(highestOneByOne(asked, words), TYPO_SIMILARITY);
  assert.equal(highestByStems(asked, words), TYPO_SIMILARITY);
});

Deno.test("search: a question's slip finds the memory spelt right, and two slips each other (real SQLite)", async () => {
  const { stored, ranked } = await rankedAmong([
    "my english teacher at college in 1993 was mrs whitfield, very patient",
    "mrs hobbs next door waters my tomatoes",
    "the new teacher at the sea cadets is mrs patel",
  ], "mrs whitfeild");
  assert.equal(ranked[0], stored[0]);
});

Deno.test("preparedSimilarity: between two memories an unknown word's slips are not looked for; a known word's are", async () => {
  const vectors = await WordVectors.shared();
  const memory = (word: string) => vectors.contentWords(word)[0]!;
  const direct = vectors.direct!;
  assert.equal(direct.prepare("whitfeild").direct, true);
  assert.ok(preparedSimilarity(direct.prepare("whitfeild"), memory("whitfield")) < TYPO_SIMILARITY);
  assert.equal(
    preparedSimilarity(direct.prepare("daughter"), memory("daugther")),
    TYPO_SIMILARITY,
    "a known word's slip in the other memory, as in session 27",
  );
  // Nor in a long text's index (`stem_lookup.ts`): the same answer as one by one.
  const filler = Array.from({ length: INDEXED_FROM }, (_, i) => `qzf${"abcdefghij"[i % 10]}${i}`);
  const words = vectors.contentWords(`mrs whitfield taught me ${filler.join(" ")}`);
  assert.equal(highestByStems(direct.prepare("whitfeild"), words), 0);
});
