import assert from "node:assert/strict";
import { WordVectors } from "./word_vectors.ts";
import { WORD_VECTOR_ID } from "./vector_tables.ts";
import { ROW_MEMO_LIMIT } from "./word_rows.ts";
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

Deno.test("a second decoding (the relations generator's vectorsOnly) shares the decoded tables", async () => {
  const words = await WordVectors.shared();
  const alone = await WordVectors.vectorsOnly();
  assert.equal(alone.size, words.size);
  assert.equal(alone.similarity("physician", "doctor"), words.similarity("physician", "doctor"));
  assert.ok(alone.similarity("physician", "doctor") > 0.3);
});
