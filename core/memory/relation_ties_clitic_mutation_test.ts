import assert from "node:assert/strict";
import { tiesName } from "./relation_ties.ts";

Deno.test("tiesName: a name's 's is a copula only with a space after it", () => {
  // "Kav's." ends a sentence: the next one's "My sister" is no tie of Kav's.
  assert.equal(tiesName("That bag is Kav's. My sister has one too", "kav"), false);
  assert.equal(tiesName("Kav's my ex", "kav"), true);
});

Deno.test("tiesName: a possessive of the name's letter is passed over, and the tie after it read", () => {
  assert.equal(tiesName("Kev's sister says Kav is my bridesmaid", "kav"), true);
  assert.equal(tiesName("Kav's dog is sweet, and Kav is my flatmate", "kav"), true);
});

Deno.test("tiesName: in apposition, the relation word must end its phrase, a word after it or not", () => {
  // "my doctor agrees": "doctor" is the subject of a new clause, and "agrees" no relation word.
  assert.equal(tiesName("Kav, my doctor agrees.", "kav"), false);
  assert.equal(tiesName("Kav, my old doctor.", "kav"), true);
});
