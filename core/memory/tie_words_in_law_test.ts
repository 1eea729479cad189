import assert from "node:assert/strict";
import { isTieWord } from "./tie_words.ts";
import { tokensOf } from "./relation_names.ts";
import { tiesName } from "./relation_ties.ts";

/** The one token of `word`, as `tokensOf` reads it. */
function token(word: string) {
  const [only] = tokensOf(word);
  assert.ok(only !== undefined, word);
  return only;
}

Deno.test("isTieWord: an in-law compound whose head is itself a hyphenated compound is headed by that head's last part", () => {
  // mut61: "ex-sister-in-law" joined its head to "exsister", which names no one, so "Kav is my
  // ex-sister-in-law" tied nothing though "ex-wife" and "sister-in-law" each do.
  for (const word of ["ex-sister-in-law", "ex-brothers-in-law", "step-mother-in-law"]) {
    assert.ok(isTieWord(token(word)), word);
  }
  assert.ok(tiesName("Kav is my ex-sister-in-law", "kav"));
  // A head whose last part names no person is no tie, hyphenated or not.
  for (const word of ["ex-car-in-law", "car-in-law", "step-house-in-law"]) {
    assert.ok(!isTieWord(token(word)), word);
  }
});
