import assert from "node:assert/strict";
import { ROW_MEMO_LIMIT, WORD_VECTOR_ID, WordVectors } from "./word_vectors.ts";
import {
  alignment,
  ALIGNMENT_FLOOR,
  ALIGNMENT_FULL,
  matchStrength,
  preparedSimilarity,
  specificity,
  STEMS_ONLY,
  weightedQuery,
} from "./alignment.ts";
import { sameSubject, subjectComparer } from "./subject_alignment.ts";
import { stem } from "../text.ts";

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

Deno.test("the shipped table loads: its id, size and dimensions", async () => {
  const words = await WordVectors.shared();
  assert.equal(words.id, WORD_VECTOR_ID);
  assert.equal(words.dimensions, 100);
  assert.ok(words.size > 50_000, `${words.size} words`);
  assert.ok(words.has("kitten") && words.has("physician") && words.has("bunnies"));
  assert.ok(!words.has("zephyrine"), "rare names are pruned");
  assert.ok(words.has("paediatricians"), "a form missing from the table falls back to its stem");
});

Deno.test("a synonym pair is closer than an unrelated word (the meaning channel)", async () => {
  const words = await WordVectors.shared();
  for (
    const [word, synonym, unrelated] of [
      ["physician", "doctor", "banana"],
      ["kitten", "cat", "invoice"],
      ["spouse", "husband", "asphalt"],
      ["aeroplane", "flight", "lentil"],
    ]
  ) {
    const close = words.similarity(word!, synonym!);
    const far = words.similarity(word!, unrelated!);
    assert.ok(close > far + 0.3, `${word}: ${synonym} ${close}, ${unrelated} ${far}`);
  }
  assert.equal(words.similarity("moving", "moved"), 1, "one stem: the same word");
  assert.equal(words.similarity("zephyrine", "doctor"), 0, "unknown words match only themselves");
});

Deno.test("word vectors decode to the same floats, byte by byte, and after the row memo starts over", async () => {
  const words = await WordVectors.shared();
  const pinned = () => {
    // Pinned from the decoder that read one nibble per dimension: the embedder's vectors (and
    // every stored memory's) must not move by a bit.
    const sentence = words.sentence("The physician walked her dog");
    assert.deepEqual(
      [...sentence.slice(0, 3), ...sentence.slice(97)],
      [
        0.0837603509426117,
        0.022315997630357742,
        -0.010239259339869022,
        0.1156735047698021,
        -0.029643800109624863,
        -0.14703789353370667,
      ],
    );
    const dogs = new Float32Array(words.dimensions);
    assert.ok(words.addTo(dogs, "dogs", 0.5), "by its stem's most frequent word");
    assert.deepEqual([...dogs.slice(0, 2), ...dogs.slice(98)], [
      0.21300648152828217,
      0.10650324076414108,
      0.21300648152828217,
      -0.21300648152828217,
    ]);
    assert.equal(words.addTo(dogs, "zxqvbnmw"), false, "unknown");
  };
  pinned();
  for (let i = 0; i <= ROW_MEMO_LIMIT; i++) words.has(`unknownword${i}`);
  pinned();
});

Deno.test("a sentence vector scales each word's share by factorOf", async () => {
  const words = await WordVectors.shared();
  const dog = words.sentence("dog");
  assert.deepEqual(words.sentence("dog barked", (word) => word === "barked" ? 0 : 1), dog);
  const half = words.sentence("dog barked", (word) => word === "barked" ? 0.5 : 1);
  const whole = words.sentence("dog barked");
  const cos = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, d) => sum + x * b[d]!, 0);
  assert.ok(cos(half, dog) > cos(whole, dog), "less of 'barked', more of 'dog'");
});

Deno.test("SIF sentence vectors: unit length, meaning over wording, zero without known words", async () => {
  const words = await WordVectors.shared();
  const query = words.sentence("Which relative is a physician at a paediatric clinic?");
  const answer = words.sentence("My sister works as a doctor at the children's hospital");
  const other = words.sentence("The bakery ran out of croissants before nine");
  assert.ok(Math.abs(cosine(query, query) - 1) < 1e-5);
  assert.ok(cosine(query, answer) > cosine(query, other) + 0.25);
  assert.deepEqual([...words.sentence("Zephyrine Qwxyz")].filter((x) => x !== 0), []);
});

Deno.test("informativeness: generic words weigh less than specific ones, unknown words fully", async () => {
  const words = await WordVectors.shared();
  assert.ok(words.informativeness("make") < 0.7);
  assert.ok(words.informativeness("kitten") > 0.95);
  assert.equal(words.informativeness("zephyrine"), 1);
  assert.equal(words.stemInformativeness("kitten"), words.informativeness("kitten"));
});

Deno.test("a stem's informativeness is remembered up to ROW_MEMO_LIMIT stems, then the memory starts over", async () => {
  const words = await WordVectors.shared();
  const kitten = words.stemInformativeness(stem("kitten"));
  const make = words.stemInformativeness(stem("make"));
  assert.ok(words.rememberedStems > 0 && words.rememberedStems <= ROW_MEMO_LIMIT);
  for (let i = 0; words.rememberedStems < ROW_MEMO_LIMIT; i++) {
    assert.equal(words.stemInformativeness(`unknownstem${i}`), 1);
  }
  assert.equal(words.stemInformativeness(stem("kitten")), kitten, "a remembered stem");
  words.stemInformativeness("onestemtoomany");
  assert.equal(words.rememberedStems, 1, "started over past the limit");
  // The same figures after starting over.
  assert.equal(words.stemInformativeness(stem("kitten")), kitten);
  assert.equal(words.stemInformativeness(stem("make")), make);
  assert.ok(make < kitten);
});

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
  for (const a of texts) for (const b of texts) compare(a, b);
  assert.equal(prepared, distinctWords.size);
  subjectComparer({ vectors: fresh, weightOf })(texts[0]!, texts[1]!);
  assert.equal(prepared, distinctWords.size, "another comparer of that word data prepares none");
});

Deno.test("same-subject word matches are remembered per pair of texts: a later search reads no text again, under any weights", async () => {
  const words = await WordVectors.shared();
  let read = 0;
  const counted = {
    prepare: (word: string) => words.prepare(word),
    contentWords: (text: string) => (read++, words.contentWords(text)),
  };
  // A new object each time: its own, empty memory of pairs (the reference computation).
  const fresh = () => ({
    prepare: (word: string) => words.prepare(word),
    contentWords: (text: string) => words.contentWords(text),
  });
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
    if (round === 0) reads = read;
    else assert.equal(read, reads, `round ${round} read texts again`);
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

Deno.test("alignment remembers each word's best match per text: a later query of those words reads no text again, under any weights", async () => {
  const words = await WordVectors.shared();
  let read = 0;
  const counted = {
    prepare: (word: string) => words.prepare(word),
    contentWords: (text: string) => (read++, words.contentWords(text)),
  };
  const fresh = () => ({
    prepare: (word: string) => words.prepare(word),
    contentWords: (text: string) => words.contentWords(text),
  });
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
    if (round === 0) reads = read;
    else assert.equal(read, reads, "the second query read texts again");
  }
  assert.ok(reads > 0);
});

Deno.test("a memory word is prepared once for every text that holds it, as the word alone", async () => {
  const vectors = await WordVectors.shared();
  const byWord = (text: string) =>
    new Map(vectors.contentWords(text).map((prepared) => [prepared.word, prepared]));
  const first = byWord("The doctor examined zorblaxquint twice.");
  const second = byWord("A zorblaxquint visited the doctor.");
  for (const word of ["doctor", "zorblaxquint"]) {
    assert.equal(first.get(word), second.get(word), word);
    assert.deepEqual(first.get(word), {
      word,
      stem: stem(word),
      unit: vectors.unit(word),
      informativeness: vectors.informativeness(word),
    });
  }
});

Deno.test("once decoded, the loaded JSON keeps no encoded copy of the vectors (memory of a server)", async () => {
  const words = await WordVectors.shared();
  const { default: data } = await import("./word_vectors.gen.json", { with: { type: "json" } });
  // The module stays loaded for the life of the process: its base64 vectors (4.5 MB of heap) and
  // word lists would sit beside their decoded tables.
  for (const field of ["words", "stems", "ranks", "scales", "vectors"] as const) {
    assert.equal(data[field], "", field);
  }
  // A second decoding (the relations generator's `vectorsOnly`) shares the decoded tables.
  const alone = await WordVectors.vectorsOnly();
  assert.equal(alone.size, words.size);
  assert.equal(alone.similarity("physician", "doctor"), words.similarity("physician", "doctor"));
  assert.ok(alone.similarity("physician", "doctor") > 0.3);
});
