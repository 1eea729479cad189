/**
 * Pins of `pronoun_referents.ts` that its behaviour tests left open, each found by a mutant that
 * passed them (session 40, mut55: core/memory/HISTORY.md).
 */
import assert from "node:assert/strict";
import { openingPronoun, personsNamed, referentOf, withReferent } from "./pronoun_referents.ts";

const T0 = Date.UTC(2026, 5, 1);
/** The referent of `line` written a minute after `before`. */
const after = (before: string, line: string) =>
  referentOf(
    { content: line, created_at: new Date(T0 + 60_000).toISOString() },
    { content: before, created_at: new Date(T0).toISOString() },
  );

Deno.test("every object and reflexive pronoun tells a name's sex: him, himself, herself", () => {
  // "him" is a he's: Sam is no she.
  assert.equal(after("Sam from work, I lent him my drill", "she has it till Friday"), undefined);
  assert.equal(after("Sam from work, I lent him my drill", "he has it till Friday"), "Sam");
  assert.equal(after("Sam cut himself shaving", "she needs a plaster"), undefined);
  assert.equal(after("Sam hurt herself skiing", "he is on crutches"), undefined);
  assert.equal(after("Sam hurt herself skiing", "she is on crutches"), "Sam");
});

Deno.test("the closed class of person words: fiance, fiancee (accented too), cousin, teacher", () => {
  assert.equal(after("my fiance Sam is in Leeds", "he starts on Monday"), "fiance Sam");
  assert.equal(after("my fiance Sam is in Leeds", "she starts on Monday"), undefined);
  assert.equal(after("my fiancee Sam is in Leeds", "she starts on Monday"), "fiancee Sam");
  // Folded without its accent: "fiancée" is the same word.
  assert.equal(after("my fiancée Sam is in Leeds", "she starts on Monday"), "fiancée Sam");
  assert.equal(after("my cousin Sam is in Leeds", "he starts on Monday"), "cousin Sam");
  assert.equal(
    after("her teacher Dennis rang about the trip", "he wants a form"),
    "teacher Dennis",
  );
});

Deno.test("a name inside a line is a person where it owns something, with either apostrophe", () => {
  assert.equal(after("we met Mo's coach at the match", "he plays left back"), "Mo");
  assert.equal(after("we met Mo’s coach at the match", "he plays left back"), "Mo");
  // A capitalised word that is neither the line's first nor an owner is as often a place.
  assert.equal(after("at Leicester Royal today for the scan", "he was seen at 3"), undefined);
  // Nor is a capitalised function word, or a word in capitals (an abbreviation), a name.
  assert.equal(after("When Mo's home we eat at six", "he likes curry"), "Mo");
  assert.equal(after("NHS letters came for Dad", "he has to ring them"), "Dad");
});

Deno.test("a name is the run of capitalised words with spaces alone between them", () => {
  assert.deepEqual(personsNamed("Mo, Jacob and Priya came round"), [{ name: "Mo", at: 0 }]);
  assert.deepEqual(personsNamed("Mo\nHarper came round"), [{ name: "Mo", at: 0 }]);
  // "'ll", "'d", "'re", "'ve" and "'m" are cut as "'s" is.
  assert.deepEqual(personsNamed("Sam'll pick Mum up"), [
    { name: "Sam", at: 0 },
    { name: "Mum", sex: "she", at: 12 },
  ]);
  // A titled name is one person, its "'s" read once.
  assert.deepEqual(personsNamed("Mr Chauhan's shop is shut"), [{
    name: "Mr Chauhan",
    sex: "he",
    at: 0,
  }]);
});

Deno.test("a name's sex is its line's first pronoun after it, before the next person; a person word's own sex stands", () => {
  // The first pronoun, not the last.
  assert.equal(after("Sam says she met him at work", "he is on nights"), undefined);
  assert.equal(after("Sam says she met him at work", "she is on nights"), "Sam");
  // A pronoun after the next person is not the first one's.
  assert.equal(after("Sam visits Mum, she's 84", "he drives her there"), "Sam");
  // "Dad" is a he whatever pronoun follows.
  assert.equal(after("Dad rang her about the car", "she wants it back"), undefined);
});

Deno.test("an opening pronoun is a whole word, and her is a possessive as his is", () => {
  assert.equal(openingPronoun("He2O play the Corn Exchange"), undefined);
  assert.equal(withReferent("her GP is Dr Ferris", "Mum"), "Mum's GP is Dr Ferris");
  assert.equal(withReferent("she takes statins", "Mum"), "Mum takes statins");
});
