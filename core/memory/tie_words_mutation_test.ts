import assert from "node:assert/strict";
import { isTieWord } from "./tie_words.ts";
import { tokensOf } from "./relation_names.ts";

/** The one token of `word`, as `tokensOf` reads it. */
function token(word: string) {
  const [only] = tokensOf(word);
  assert.ok(only !== undefined, word);
  return only;
}

Deno.test("isTieWord: only 'in' then 'law' or 'laws' ends an in-law compound", () => {
  // "in" without "law" after it, or "law" without "in" before it, is no in-law: the compound is
  // headed by its last part as any other ("house", "joke", "law" name no person).
  for (const word of ["in-house", "in-joke", "mother-law", "brothers-law"]) {
    assert.ok(!isTieWord(token(word)), word);
  }
  assert.ok(isTieWord(token("mother-in-law")));
  assert.ok(isTieWord(token("brothers-in-laws")));
});

Deno.test("isTieWord: an in-law compound is headed by the whole of what comes before 'in'", () => {
  // "car-in-law": its head "car" names no person, though the part before "in" is its first.
  assert.ok(!isTieWord(token("car-in-law")));
  assert.ok(isTieWord(token("in-laws")));
  assert.ok(isTieWord(token("stepmother-in-law")));
});
