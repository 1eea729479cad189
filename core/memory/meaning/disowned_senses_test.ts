import assert from "node:assert/strict";
import {
  disownable,
  disowned,
  DISOWNED_BELOW,
  DISOWNED_SHARE,
  disownsStem,
} from "./disowned_senses.ts";
import type { PreparedWord } from "./prepared_word.ts";
import { preparedSimilarity } from "./word_similarity.ts";
import { at, memoryWord, similarities } from "../testing/word_units.ts";
import {
  CLOSE_SIMILARITY,
  DERIVED_SIMILARITY,
  FORM_SIMILARITY,
  KIND_SIMILARITY,
} from "./word_relations.ts";
import { WordVectors } from "./word_vectors.ts";
import { rankedAfter } from "../testing/ranked_after.ts";

/** WordNet senses of a query word: a close relative, a derived word, a kind, a form. */
const senses = new Map([
  ["close", CLOSE_SIMILARITY],
  ["deriv", DERIVED_SIMILARITY],
  ["kind", KIND_SIMILARITY],
  ["form", FORM_SIMILARITY],
]);
/** The query word: its senses, and a compound's part ("flat" of "flatmate") that is none. */
const asked: PreparedWord = {
  word: "a",
  stem: "a",
  unit: at(1),
  related: new Map([...senses, ["part", CLOSE_SIMILARITY]]),
  senses,
};

/** Both ways {@linkcode asked}'s similarity to one memory word is computed. */
const both = (word: PreparedWord) => similarities(asked, word);

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

Deno.test("the documented constants: a disowned close relative counts just below a kind", () => {
  assert.equal(DISOWNED_BELOW, 0.1);
  assert.equal(DISOWNED_SHARE, 0.8);
  assert.ok(CLOSE_SIMILARITY * DISOWNED_SHARE < KIND_SIMILARITY);
  assert.ok(DERIVED_SIMILARITY * DISOWNED_SHARE > KIND_SIMILARITY);
});

Deno.test("a close relative or derived word the vectors disown counts less, both loops", () => {
  for (const similarity of both(memoryWord("close", 0.03))) {
    assert.ok(near(similarity, CLOSE_SIMILARITY * DISOWNED_SHARE), `${similarity}`);
  }
  for (const similarity of both(memoryWord("deriv", -0.2))) {
    assert.ok(near(similarity, DERIVED_SIMILARITY * DISOWNED_SHARE), `${similarity}`);
  }
});

Deno.test("the bound: a cosine of DISOWNED_BELOW keeps the relation, just below it does not", () => {
  for (const similarity of both(memoryWord("close", DISOWNED_BELOW))) {
    assert.ok(similarity >= CLOSE_SIMILARITY, `${similarity}`);
  }
  for (const similarity of both(memoryWord("close", DISOWNED_BELOW - 0.001))) {
    assert.ok(near(similarity, CLOSE_SIMILARITY * DISOWNED_SHARE), `${similarity}`);
  }
  assert.equal(disowned(-CLOSE_SIMILARITY, DISOWNED_BELOW), CLOSE_SIMILARITY);
  assert.ok(near(disowned(-CLOSE_SIMILARITY, DISOWNED_BELOW - 1e-9), 0.44));
});

Deno.test("kinds, forms, a compound's part and a word without a vector are never disowned", () => {
  assert.deepEqual(both(memoryWord("kind", -0.2)), [KIND_SIMILARITY, KIND_SIMILARITY]);
  assert.deepEqual(both(memoryWord("form", -0.2)), [1, 1]);
  assert.deepEqual(both(memoryWord("part", -0.2)), [CLOSE_SIMILARITY, CLOSE_SIMILARITY]);
  const unknown: PreparedWord = { word: "close", stem: "close", unit: undefined };
  assert.equal(preparedSimilarity(asked, unknown), CLOSE_SIMILARITY);
  // Marked only when the relation is the word's own sense at that strength.
  assert.equal(disownable(asked, "close", CLOSE_SIMILARITY), -CLOSE_SIMILARITY);
  assert.equal(disownable(asked, "part", CLOSE_SIMILARITY), CLOSE_SIMILARITY);
  assert.equal(disownable(asked, "kind", KIND_SIMILARITY), KIND_SIMILARITY);
  assert.equal(disownable(asked, "form", FORM_SIMILARITY), FORM_SIMILARITY);
  assert.equal(disowned(KIND_SIMILARITY, -0.5), KIND_SIMILARITY);
});

Deno.test("the shipped data: 'kitty' as a pool of money is disowned, as a cat it is not", async () => {
  const vectors = await WordVectors.shared();
  const kitty = vectors.prepare("kitty");
  assert.equal(kitty.senses?.get("pool"), CLOSE_SIMILARITY, "WordNet: kitty, pool (of money)");
  assert.ok(near(preparedSimilarity(kitty, vectors.prepare("pool")), 0.44));
  assert.ok(preparedSimilarity(kitty, vectors.prepare("cat")) >= KIND_SIMILARITY);
  // A close relative the vectors agree with is untouched ("physician" is a "doctor").
  assert.ok(preparedSimilarity(vectors.prepare("physician"), vectors.prepare("doctor")) >= 0.55);
  // A compound's modifier says who the mate is, whatever the vectors say.
  const flatmate = vectors.prepare("flatmate");
  assert.equal(preparedSimilarity(flatmate, vectors.prepare("flat")), CLOSE_SIMILARITY);
});

Deno.test("search: the pet asked for as a 'kitty' ranks above the pool its synonym reaches", async () => {
  // WordNet: a kitty is a pool of money too; without the vectors' say the pool ranked first.
  const ranked = await rankedAfter([
    "We have a cat called Kefir.",
    "I swim in the pool on Wednesdays.",
  ], "tell me about our kitty");
  assert.deepEqual(ranked, [0, 1]);
});

Deno.test("disownable: a relation marked only at the strength the word's own sense has", () => {
  // "part" is the word's kind in WordNet and a close relative through a compound: the close
  // relation is the compound's, which the vectors never disown.
  const word: PreparedWord = {
    word: "a",
    stem: "a",
    unit: at(1),
    related: new Map([["part", CLOSE_SIMILARITY]]),
    senses: new Map([["part", KIND_SIMILARITY]]),
  };
  assert.equal(disownable(word, "part", CLOSE_SIMILARITY), CLOSE_SIMILARITY);
  assert.deepEqual(similarities(word, memoryWord("part", -0.2)), [
    CLOSE_SIMILARITY,
    CLOSE_SIMILARITY,
  ]);
});

Deno.test("disownsStem: both vectors known, every dimension read, a cosine of DISOWNED_BELOW kept", () => {
  const units = (u: Float32Array, v: Float32Array) => (stem: string) =>
    stem === "word" ? u : stem === "other" ? v : undefined;
  // Float32 numbers whose products add up to exactly 0.1 in the dot product's double sum.
  const x = Math.fround(DISOWNED_BELOW);
  const y = Math.fround(DISOWNED_BELOW - x);
  const z = Math.fround(DISOWNED_BELOW - x - y);
  const ones = Float32Array.of(1, 1, 1);
  assert.equal(x + y + z, DISOWNED_BELOW, "the fixture sums to the bound");
  assert.equal(disownsStem("word", "other", units(ones, Float32Array.of(x, y, z))), false);
  assert.equal(disownsStem("word", "other", units(ones, Float32Array.of(x, y, -1e-6))), true);
  // The last dimension counts as every other does.
  const last = Float32Array.of(0, 0, 1);
  assert.equal(disownsStem("word", "other", units(last, last)), false);
  assert.equal(disownsStem("word", "other", units(last, Float32Array.of(1, 0, 0))), true);
  // No evidence is no disowning: a word without a vector on either side.
  assert.equal(disownsStem("word", "none", units(ones, ones)), false);
  assert.equal(disownsStem("none", "other", units(ones, ones)), false);
});
