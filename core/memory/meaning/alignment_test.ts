import assert from "node:assert/strict";
import { WordVectors } from "./word_vectors.ts";
import { countedReader, freshReader } from "../testing/text_reads.ts";
import {
  alignment,
  ALIGNMENT_FLOOR,
  ALIGNMENT_FULL,
  matchStrength,
  preparedSimilarity,
  specificity,
  weightedQuery,
} from "./alignment.ts";

Deno.test("word alignment: a memory that says the same in other words covers the query", async () => {
  const words = await WordVectors.shared();
  assert.equal(matchStrength(ALIGNMENT_FLOOR), 0);
  assert.equal(matchStrength(ALIGNMENT_FULL), 1);
  assert.equal(matchStrength(1), 1);
  const query = weightedQuery("Is my dad a physician?", (_word, stem) => stem === "dad" ? 1 : 2);
  assert.deepEqual(query.map((item) => item.word), ["dad", "physician"]);
  const doctor = alignment(query, { content: "My father works as a doctor", vectors: words });
  const market = alignment(query, { content: "The market opens at nine", vectors: words });
  assert.ok(doctor.score > 0.6 && market.score < 0.1, `doctor ${doctor.score}, ${market.score}`);
  assert.ok(doctor.strongest > 0.6 && market.strongest < 0.3);
  assert.deepEqual(alignment(query, { content: "Dad is a physician", vectors: words }), {
    score: 1,
    strongest: 1,
  });
  assert.deepEqual(alignment([], { content: "anything", vectors: words }), {
    score: 0,
    strongest: 0,
  });
});

Deno.test("a near match counts only as far as the memory word is as informative as the query word", async () => {
  const words = await WordVectors.shared();
  const prepared = (word: string, informativeness: number) => ({
    ...words.prepare(word),
    informativeness,
  });
  // "children" is about as close to "people" as to "daughter" in GloVe ...
  const cosine = words.similarity("children", "people");
  assert.ok(Math.abs(cosine - words.similarity("children", "daughter")) < 0.05);
  // ... but "people" is common everywhere: it answers "children" only at its share.
  const children = words.prepare("children");
  assert.ok(words.informativeness("people") < 0.6 * words.informativeness("children"));
  const expected = cosine * words.informativeness("people") / words.informativeness("children");
  assert.ok(Math.abs(preparedSimilarity(children, words.prepare("people")) - expected) < 1e-6);
  assert.equal(
    specificity(prepared("children", 0.8), prepared("people", 0.4)),
    0.5,
    "the memory word's share of the query word's informativeness",
  );
  assert.equal(specificity(prepared("people", 0.4), prepared("children", 0.8)), 1, "capped");
  assert.equal(preparedSimilarity(prepared("child", 1), prepared("child", 0.1)), 1, "same stem");
  const query = weightedQuery("children", () => 1);
  const daughter = alignment(query, { content: "My daughter started school", vectors: words });
  const people = alignment(query, { content: "Some people started school", vectors: words });
  assert.ok(daughter.score > people.score + 0.2, `${daughter.score} ${people.score}`);
});

Deno.test("alignment remembers each word's best match per text: a later query of those words reads no text again, under any weights", async () => {
  const words = await WordVectors.shared();
  const { vectors: counted, reads: read } = countedReader(words);
  const fresh = () => freshReader(words);
  const texts = ["My father works as a doctor", "The market opens at nine", "Dad is a physician"];
  let reads = 0;
  for (
    const [round, weightOf] of [() => 1, (_w: string, stem: string) => stem === "dad" ? 3 : 1]
      .entries()
  ) {
    const query = weightedQuery("Is my dad a physician?", weightOf);
    for (const content of texts) {
      const expected = alignment(weightedQuery("Is my dad a physician?", weightOf), {
        content,
        vectors: fresh(),
      });
      assert.deepEqual(alignment(query, { content, vectors: counted }), expected);
    }
    if (round === 0) reads = read();
    else assert.equal(read(), reads, "the second query read texts again");
  }
  assert.ok(reads > 0);
});
