import assert from "node:assert/strict";
import { ALIGNMENT_FULL } from "./alignment.ts";
import type { PreparedWord } from "./prepared_word.ts";
import {
  confirmed,
  CONFIRMED_RELATION,
  CONFIRMED_SHARE,
  preparedSimilarity,
  READINGS_REMEMBERED,
} from "./word_similarity.ts";
import { at, memoryWord, similarities } from "../testing/word_units.ts";
import { CLOSE_SIMILARITY, DEFINED_SIMILARITY, KIND_SIMILARITY } from "./word_relations.ts";
import { WordVectors } from "./word_vectors.ts";
import { isShortForm, SHORT_FORM_SIMILARITY } from "./short_forms.ts";

/** A query word related to the memory words `b`, `c`, `d` (close, kind, defining). */
const asked: PreparedWord = {
  word: "a",
  stem: "a",
  unit: at(1),
  related: new Map([["b", CLOSE_SIMILARITY], ["c", KIND_SIMILARITY], ["d", DEFINED_SIMILARITY]]),
};

/** Both ways {@linkcode asked}'s similarity to one memory word is computed. */
const both = (word: PreparedWord) => similarities(asked, word);

Deno.test("a close relation the vectors confirm counts more than either alone", () => {
  const expected = CONFIRMED_SHARE * (1 - (1 - 0.3) * (1 - CLOSE_SIMILARITY));
  for (const similarity of both(memoryWord("b", 0.3))) {
    assert.ok(Math.abs(similarity - expected) < 1e-6, `${similarity}`);
    assert.ok(similarity > CLOSE_SIMILARITY && similarity < ALIGNMENT_FULL);
  }
  assert.ok(confirmed(0.6, CLOSE_SIMILARITY) > ALIGNMENT_FULL, "agreeing well: a full match");
});

Deno.test("a relation the vectors do not confirm, or a weaker one, counts as before", () => {
  // The vectors against it: the relation alone (another sense).
  assert.deepEqual(both(memoryWord("b", -0.2)), [CLOSE_SIMILARITY, CLOSE_SIMILARITY]);
  assert.equal(confirmed(0, CLOSE_SIMILARITY), CLOSE_SIMILARITY);
  // A kind or a defining word leads to other things: the higher of the two.
  assert.deepEqual(both(memoryWord("c", 0.3)), [KIND_SIMILARITY, KIND_SIMILARITY]);
  assert.deepEqual(both(memoryWord("d", 0.3)), [DEFINED_SIMILARITY, DEFINED_SIMILARITY]);
  assert.ok(KIND_SIMILARITY < CONFIRMED_RELATION && CLOSE_SIMILARITY >= CONFIRMED_RELATION);
  // No relation: the vectors alone.
  for (const similarity of both(memoryWord("e", 0.3))) {
    assert.ok(Math.abs(similarity - 0.3) < 1e-6, `${similarity}`);
  }
  // Never below what the vectors alone say.
  assert.equal(confirmed(0.9, CLOSE_SIMILARITY), Math.max(0.9, CONFIRMED_SHARE * (1 - 0.1 * 0.45)));
});

Deno.test("a synonym in the sense the vectors know counts more than the bare relation", async () => {
  const words = await WordVectors.shared();
  // "wedding" / "married": WordNet's synonyms (a close relation), 0.4 apart in the vectors.
  const wedding = words.prepare("wedding");
  const married = words.prepare("married");
  assert.equal(wedding.related?.get(married.stem), CLOSE_SIMILARITY);
  assert.ok(words.similarity("wedding", "married") < CLOSE_SIMILARITY);
  assert.ok(preparedSimilarity(wedding, married) > CLOSE_SIMILARITY + 0.05);
  // "customer" / "client": a full match in alignment now.
  assert.ok(
    preparedSimilarity(words.prepare("customer"), words.prepare("client")) > ALIGNMENT_FULL,
  );
});

Deno.test("a compound contraction another known word reads as is no short form of the compound in alignment", async () => {
  const words = await WordVectors.shared();
  const unknown = (word: string): PreparedWord => ({ word, stem: word, unit: undefined });
  const tday = words.prepare("tday");
  assert.equal(tday.unit, undefined, "'tday' is unknown to the vectors");
  // "tday" is "today" (one letter restored): no short form of "thursday" or "tuesday", either
  // way round; a memory's "tday" was SHORT_FORM_SIMILARITY for both before (recall116).
  for (const day of ["thursday", "tuesday"]) {
    assert.ok(isShortForm("tday", day), day);
    for (const similarity of similarities(words.prepare(day), unknown("tday"))) {
      assert.ok(similarity < SHORT_FORM_SIMILARITY, `${day}: ${similarity}`);
    }
    assert.ok(preparedSimilarity(tday, words.direct.prepare(day)) < SHORT_FORM_SIMILARITY, day);
  }
  // A compound contraction of no other reading, and a clipping, still read as their word.
  const kept = [["bday", "birthday"], ["bball", "basketball"], ["physio", "physiotherapy"]];
  for (const [short, full] of kept) {
    assert.deepEqual(similarities(words.prepare(full!), unknown(short!)), [
      SHORT_FORM_SIMILARITY,
      SHORT_FORM_SIMILARITY,
    ]);
  }
  // "sday" is "sunday"'s own (one letter more makes no other word), not "saturday"'s.
  assert.ok(preparedSimilarity(words.prepare("sunday"), unknown("sday")) >= SHORT_FORM_SIMILARITY);
  assert.ok(preparedSimilarity(words.prepare("saturday"), unknown("sday")) < SHORT_FORM_SIMILARITY);
  // Without the query's `known` (a word prepared by hand), the letters alone decide, as before.
  const handMade: PreparedWord = { word: "thursday", stem: "thursdai", unit: at(1) };
  assert.equal(preparedSimilarity(handMade, unknown("tday")), SHORT_FORM_SIMILARITY);
});

/**
 * "thursday" asked with word data that count their lookups (knowing "today" and "day"), and a
 * memory's "tday": the pair whose other reading ("today") is looked up.
 */
function countedTday() {
  const counted = { lookups: 0 };
  const known = (word: string) => {
    counted.lookups++;
    return word === "today" || word === "day";
  };
  const thursday: PreparedWord = { word: "thursday", stem: "thursdai", unit: at(1), known };
  const tday: PreparedWord = { word: "tday", stem: "tday", unit: undefined };
  return { counted, known, thursday, tday };
}

Deno.test("a short form's other reading is looked up once a pair for each word data", () => {
  const { counted, thursday, tday } = countedTday();
  assert.ok(preparedSimilarity(thursday, tday) < SHORT_FORM_SIMILARITY);
  const once = counted.lookups;
  assert.ok(once > 0);
  // Another memory's "tday" for the same query word: no lookup again.
  assert.ok(preparedSimilarity(thursday, { ...tday }) < SHORT_FORM_SIMILARITY);
  assert.equal(counted.lookups, once);
  // Other word data look up for themselves.
  const other: PreparedWord = { ...thursday, known: (word) => word === "day" };
  assert.equal(preparedSimilarity(other, tday), SHORT_FORM_SIMILARITY);
  assert.equal(READINGS_REMEMBERED, 4_096);
});

Deno.test("a short form's other reading is looked up again once READINGS_REMEMBERED other pairs came after it (review49a L3)", () => {
  const { counted, known, thursday, tday } = countedTday();
  /** Another short-form pair of the same word data, a clipping ("zqaa" of "zqaammmmmmmm"). */
  const remember = (n: number) => {
    const kept = `zq${String.fromCharCode(97 + Math.floor(n / 26) % 26, 97 + n % 26)}${
      String.fromCharCode(97 + Math.floor(n / 676))
    }`;
    const full = `${kept}mmmmmmmm`;
    const asked: PreparedWord = { word: full, stem: full, unit: at(1), known };
    const short: PreparedWord = { word: kept, stem: kept, unit: undefined };
    assert.equal(preparedSimilarity(asked, short), SHORT_FORM_SIMILARITY, kept);
  };
  preparedSimilarity(thursday, tday);
  const once = counted.lookups;
  // The pair and READINGS_REMEMBERED - 1 others fill the memory: the pair is still remembered.
  for (let n = 1; n < READINGS_REMEMBERED; n++) remember(n);
  preparedSimilarity(thursday, tday);
  assert.equal(counted.lookups, once);
  // One more starts it over, and the pair is looked up again.
  remember(READINGS_REMEMBERED);
  preparedSimilarity(thursday, tday);
  assert.equal(counted.lookups, 2 * once);
});
