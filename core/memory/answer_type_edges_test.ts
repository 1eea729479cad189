/**
 * Boundaries of session 26's answer types: "how much" as the whole question and "which age"
 * ask an amount (`quantity_words.ts`); "What does X do?" asks a job only with someone of one to
 * three words, and with "currently" after it (`answer_types.ts`); a replacement of a replacement
 * takes the standing of the first of the chain (`heir.ts`). And "what" or "which" before a
 * function word asks for no type of the noun further on (`query.ts`'s `answerType`, session 50), nor
 * a verb right after it, a word taking an object pronoun ("What keeps me awake?", recall122).
 *
 * @module
 */
import assert from "node:assert/strict";
import { asksQuantity } from "./quantity_words.ts";
import { asksWhatOneDoes, plainQuery } from "./meaning/answer_types.ts";
import { words } from "./text.ts";
import { inherit } from "./heir.ts";
import { answerType } from "./query.ts";

const oneDoes = (text: string) => asksWhatOneDoes(words(plainQuery(text)));

Deno.test("'how much' as the last words, and 'which age', ask for an amount", () => {
  assert.equal(asksQuantity("How much?"), true);
  assert.equal(asksQuantity("And the rent, how much"), true);
  assert.equal(asksQuantity("Which age did Mila start school at?"), true);
  assert.equal(asksQuantity("How?"), false);
});

Deno.test("'What does X do?' asks a job for someone of one to three words only", () => {
  assert.equal(oneDoes("What does she do?"), true);
  assert.equal(oneDoes("What does my older brother do?"), true, "three words");
  assert.equal(oneDoes("What do my two older brothers do?"), false, "four words");
  assert.equal(oneDoes("What does do?"), false, "nobody named");
  assert.equal(oneDoes("What does she do currently?"), true);
});

Deno.test("'what' before a function word is a pronoun: the noun after it gives no answer type", () => {
  // As WordNet has them: "was" (Washington), "his" and "has" name places, "dad" and "jonah" persons.
  const kinds = {
    isPlace: (word: string) => ["was", "his", "has", "city"].includes(word),
    isPerson: (word: string) => ["dad", "jonah", "relative"].includes(word),
  };
  assert.equal(answerType("what was my iron level", kinds), undefined, "an auxiliary");
  assert.equal(answerType("what's his eye prescription", kinds), undefined, "a cut auxiliary");
  assert.equal(answerType("what does Dad like to eat", kinds), undefined, "the subject");
  assert.equal(answerType("what's Jonah's shift pattern", kinds), undefined, "an owner");
  assert.equal(answerType("what Kuba has going on", kinds), undefined, "second word");
  // The wh-word's own noun, right after it or after one modifier, still says what is asked.
  assert.equal(answerType("Which relative grows grapes?", kinds), "person");
  assert.equal(answerType("Which elderly relative sells bread?", kinds), "person");
  assert.equal(answerType("which city did I stay in", kinds), "place");
  // A determiner before the noun is no pronoun's sign (review50a M1).
  assert.equal(answerType("which other city did I live in", kinds), "place", "other");
  assert.equal(answerType("what few relative live near", kinds), "person", "few");
  assert.equal(answerType("what more was said", kinds), undefined, "then a function word");
});

Deno.test("a word taking an object pronoun after 'what' is a verb: it gives no answer type", () => {
  // As WordNet has them: "keep" (a castle's tower) and "pub" name places, "boss" a person.
  const kinds = {
    isPlace: (word: string) => ["keeps", "pub"].includes(word),
    isPerson: (word: string) => ["boss", "bugs"].includes(word),
  };
  assert.equal(answerType("What keeps me awake in summer?", kinds), undefined, "me");
  assert.equal(answerType("what bugs him most", kinds), undefined, "him");
  assert.equal(answerType("what keeps us up at night", kinds), undefined, "us");
  // "Her" is a possessive too, and a noun heading the asked thing keeps its type.
  assert.equal(answerType("which boss her team likes", kinds), "person");
  assert.equal(answerType("which pub me and Dom like", kinds), "place", "'me' in a pair");
  assert.equal(answerType("which pub do we like", kinds), "place");
});

Deno.test("a replacement of a replacement takes the standing of the chain's first", () => {
  type Item = { relevance: number; heirOf?: Item };
  const first: Item = { relevance: 0.9 };
  const middle: Item = { relevance: 0.3 };
  inherit(middle, first);
  assert.equal(middle.heirOf, first);
  const last: Item = { relevance: 0.2 };
  inherit(last, middle);
  assert.equal(last.heirOf, first, "the standing middle took, not middle's own");
});
