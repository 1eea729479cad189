/**
 * `openingPronoun` tests a text before reading its first word (perf72): the test must hold for
 * every pronoun in every case and behind any marks, or a line opening with one would lose its
 * referent.
 */
import assert from "node:assert/strict";
import { openingPronoun } from "./pronoun_referents.ts";

Deno.test("openingPronoun finds each pronoun in any case, behind marks, and no other word", () => {
  const bySex = {
    he: ["he", "him", "his", "himself"],
    she: ["she", "her", "hers", "herself"],
  } as const;
  for (const [sex, words] of Object.entries(bySex)) {
    for (const word of words) {
      const capitalised = word[0]!.toUpperCase() + word.slice(1);
      for (const opening of [word, capitalised, word.toUpperCase()]) {
        for (const text of [`${opening} takes it`, `("${opening}'s`, `  ${opening}.`, opening]) {
          assert.equal(openingPronoun(text), sex, text);
        }
      }
    }
  }
  // Longer words that start with one, a digit after one, one after another word: none.
  for (const text of ["hero", "Hisses", "her2", "sherry", "the he", "Heather's", "ſhe", ""]) {
    assert.equal(openingPronoun(text), undefined, text);
  }
});
