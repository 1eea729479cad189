import assert from "node:assert/strict";
import { tellsReplacement } from "./additions.ts";
import { numbersOf, reachedNumbersOf } from "./new_numbers.ts";
import { tellsChange } from "./query_now.ts";
import { nameWords } from "./shared_names.ts";
import {
  changeTold,
  namesOfText,
  numbersOfText,
  reachedNumbersOfText,
  replacementTold,
} from "./update_facts.ts";

const TEXTS = [
  "I sold the Corolla and now ride an electric bike to work.",
  "I now also keep two goats, besides the chickens.",
  "The landlord raised the rent to 1,050 euros starting this month.",
  "Our rent is 900 euros a month, and Petra pays half.",
  "We talked about magic all evening.",
  "",
];

Deno.test("a text's remembered update facts are its functions' answers", () => {
  for (const text of TEXTS) {
    assert.equal(changeTold(text), tellsChange(text), text);
    assert.equal(replacementTold(text), tellsReplacement(text), text);
    assert.deepEqual(namesOfText(text), nameWords(text), text);
    assert.deepEqual(numbersOfText(text), numbersOf(text), text);
    assert.deepEqual(reachedNumbersOfText(text), reachedNumbersOf(text), text);
  }
  assert.equal(replacementTold(TEXTS[0]!), true);
  assert.equal(replacementTold(TEXTS[1]!), false, "an addition");
  assert.deepEqual([...reachedNumbersOfText(TEXTS[2]!)], [["euro", new Set(["1050"])]]);
});

Deno.test("a text's names and numbers are read once and the same map given back", () => {
  const text = "After a year of cycling I'm down to 80 kilograms, Dr. Weber says.";
  assert.equal(namesOfText(text), namesOfText(text));
  assert.equal(numbersOfText(text), numbersOfText(text));
  assert.equal(reachedNumbersOfText(text), reachedNumbersOfText(text));
});
