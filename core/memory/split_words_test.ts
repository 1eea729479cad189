import assert from "node:assert/strict";
import { splitWordPhrases } from "./split_words.ts";
import { analyseQuery } from "./query_analysis.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { stem } from "./text.ts";
import { rankedAmong } from "./testing/ranked_among.ts";

Deno.test("splitWordPhrases: two words side by side that the table knows joined, rarer than either", async () => {
  const words = await WordVectors.shared();
  assert.deepEqual(splitWordPhrases("when is my birth day", words), [
    { terms: [stem("birth"), stem("day")], words: ["birthday"] },
  ]);
  assert.deepEqual(
    splitWordPhrases("who are my grand children", words).map((phrase) => phrase.words),
    [["grandchildren"]],
  );
  // Not side by side in the text ("car in pet shop"), a part too short, or no word joined.
  assert.deepEqual(splitWordPhrases("the car in the pet shop", words), []);
  assert.deepEqual(splitWordPhrases("my blue car", words), []);
  assert.deepEqual(splitWordPhrases("a to z", words), []);
  const { expanded } = analyseQuery("when is my birth day", words, { expand: true });
  assert.ok(expanded.terms.includes(stem("birthday")), "BM25 looks the joined word up");
});

Deno.test("search: a word split in two finds the memory that writes it joined (real SQLite)", async () => {
  const { stored, ranked } = await rankedAmong([
    "my birthday is 3 of february 1965, aquarius like my mother",
    "the day tiago was born it was raining all day",
    "my mother gave birth to me at home in povoa",
  ], "when is my birth day");
  assert.equal(ranked[0], stored[0]);
});
