import assert from "node:assert/strict";
import { WordVectors } from "./word_vectors.ts";
import { countedReader, freshReader } from "../testing/text_reads.ts";
import { STEMS_ONLY, weightedQuery } from "./alignment.ts";
import { sameSubject, stemSetOf, subjectComparer } from "./subject_alignment.ts";
import { memoryContentStems } from "./content_stems.ts";
import { bestMatches } from "./best_matches.ts";

Deno.test("sameSubject: shared words and meaning, each the lower of both directions", async () => {
  const words = await WordVectors.shared();
  const weightOf = () => 1;
  const update = sameSubject(
    "I drink my coffee black",
    "I gave up coffee and drink green tea now",
    {
      vectors: words,
      weightOf,
    },
  );
  // Shared: drink, coffee (2 of the longer text's 5 content words: gave coffee drink green tea).
  assert.ok(Math.abs(update.words - 2 / 5) < 1e-12, `${update.words}`);
  assert.ok(update.meaning > 0.35, `${update.meaning}`);
  const unrelated = sameSubject("I drink my coffee black", "The bridge is closed for repairs", {
    vectors: words,
    weightOf,
  });
  assert.equal(unrelated.words, 0);
  assert.ok(unrelated.meaning < 0.2, `${unrelated.meaning}`);
  // Without vectors only shared stems count.
  const stems = sameSubject("Drinking coffee", "coffee drinks", { vectors: STEMS_ONLY, weightOf });
  assert.deepEqual(stems, { words: 1, meaning: 1 });
  const none = sameSubject("physician", "doctor", { vectors: STEMS_ONLY, weightOf });
  assert.deepEqual(none, { words: 0, meaning: 0 });
});

Deno.test("subjectComparer: every pair as sameSubject alone, each word prepared once", async () => {
  const words = await WordVectors.shared();
  const texts = [
    "I drink my coffee black",
    "I gave up coffee and drink green tea now",
    "Drinking tea with my physician",
    "The doctor drinks coffee at the bridge",
    "The bridge is closed for repairs",
    "",
  ];
  // Weights differ by stem, so a word weighed under the wrong text would show.
  const weightOf = (_word: string, wordStem: string) => 1 + (wordStem.length % 3);
  let prepared = 0;
  const counted = {
    prepare: (word: string) => (prepared++, words.prepare(word)),
    contentWords: (text: string) => words.contentWords(text),
  };
  for (const vectors of [counted, STEMS_ONLY]) {
    const compare = subjectComparer({ vectors, weightOf });
    // Twice over, so the second round reads only what the first one kept.
    for (let round = 0; round < 2; round++) {
      for (const a of texts) {
        for (const b of texts) {
          assert.deepEqual(compare(a, b), sameSubject(a, b, { vectors, weightOf }), `${a} | ${b}`);
        }
      }
    }
  }
  const distinctWords = new Set(
    texts.flatMap((text) => weightedQuery(text, weightOf).map((item) => item.word)),
  );
  // A fresh word data (word pairs are remembered per word data, across comparers).
  prepared = 0;
  const fresh = { ...counted };
  const compare = subjectComparer({ vectors: fresh, weightOf });
  // Their meaning read: a text's words are prepared when a pair of it is first aligned.
  for (const a of texts) for (const b of texts) compare(a, b).meaning;
  assert.equal(prepared, distinctWords.size);
  subjectComparer({ vectors: fresh, weightOf })(texts[0]!, texts[1]!).meaning;
  assert.equal(prepared, distinctWords.size, "another comparer of that word data prepares none");
});

Deno.test("same-subject word matches are remembered per pair of texts: a later search reads no text again, under any weights", async () => {
  const words = await WordVectors.shared();
  const { vectors: counted, reads: read } = countedReader(words);
  // A new object each time: its own, empty memory of pairs (the reference computation).
  const fresh = () => freshReader(words);
  const texts = [
    "I drink my coffee black",
    "I gave up coffee and drink green tea now",
    "My father works as a doctor",
    "Dad is a physician",
  ];
  const weights = [
    () => 1,
    (_word: string, stem: string) => 1 + (stem.length % 3),
    (_word: string, stem: string) => stem === "coffe" ? 0 : 2,
  ];
  let reads = 0;
  for (const [round, weightOf] of weights.entries()) {
    const compare = subjectComparer({ vectors: counted, weightOf });
    for (const a of texts) {
      for (const b of texts) {
        assert.deepEqual(compare(a, b), sameSubject(a, b, { vectors: fresh(), weightOf }));
      }
    }
    if (round === 0) reads = read();
    else assert.equal(read(), reads, `round ${round} read texts again`);
  }
  assert.ok(reads > 0);
});

Deno.test("a same-subject comparison aligns the two texts only when its meaning is read", async () => {
  const words = await WordVectors.shared();
  let read = 0;
  const counted = {
    prepare: (word: string) => words.prepare(word),
    contentWords: (text: string) => (read++, words.contentWords(text)),
  };
  const compare = subjectComparer({ vectors: counted, weightOf: () => 1 });
  const overlap = compare("The lighthouse keeper paints boats", "A keeper of bees sells honey");
  assert.ok(overlap.words > 0 && overlap.words < 1);
  assert.equal(read, 0);
  assert.ok(overlap.meaning > 0);
  assert.ok(read > 0);
});

Deno.test("a same-subject comparison prepares a text's words only when a meaning of it is read", async () => {
  const words = await WordVectors.shared();
  let prepared = 0;
  const counted = {
    prepare: (word: string) => (prepared++, words.prepare(word)),
    contentWords: (text: string) => words.contentWords(text),
  };
  const compare = subjectComparer({ vectors: counted, weightOf: () => 1 });
  // Most pairs of a search are ruled out by their shared words: their texts need no preparation.
  const overlap = compare("The lantern maker glazes jars", "A glazier of jars mends lanterns");
  assert.ok(overlap.words > 0);
  assert.equal(prepared, 0);
  assert.ok(overlap.meaning > 0);
  assert.ok(prepared > 0);
});

Deno.test("stemSetOf: one set of stems per remembered content array, the same for every search", () => {
  const content = memoryContentStems("We keep three goats in the meadow behind the barn.");
  const stems = stemSetOf(content);
  assert.deepEqual([...stems], content.map((item) => item.stem));
  // Asked again (a later search), the array's set is the one made before: no new set per search.
  assert.equal(
    stemSetOf(memoryContentStems("We keep three goats in the meadow behind the barn.")),
    stems,
  );
  // Another array of the same stems (as after the content memo starts over) gets its own.
  assert.notEqual(stemSetOf([...content]), stems);
  assert.deepEqual([...stemSetOf([...content])], [...stems]);
});

Deno.test("a same-subject comparison remembers a pair's cosines as a plain array (perf88: a Float64Array of a few cost ~1 µs to make)", async () => {
  const vectors = freshReader(await WordVectors.shared());
  const [a, b] = ["My father works as a doctor", "Dad is a physician"];
  assert.ok(subjectComparer({ vectors, weightOf: () => 1 })(a, b).meaning > 0);
  // A reader with no `direct` view: the comparer remembers its pairs under the reader itself.
  const held = bestMatches(vectors).pair(a, b, () => assert.fail("not held"));
  assert.ok(Array.isArray(held), "a plain array");
  assert.ok(held.length > 0);
});
