import assert from "node:assert/strict";
import { askedClassWords, asksSeveral, CLASS_WORD_REACH, OWNED_REACH } from "./several_facts.ts";

/** Plural nouns as the word vectors' test reads them: a word in "s" whose singular is a noun. */
const NOUNS = new Set([
  "pet",
  "kid",
  "allergy",
  "dish",
  "trip",
  "note",
  "neighbour",
  "scar",
  "tattoo",
  "gig",
  "festival",
  "thing",
  "problem",
  "card",
  "medication",
  "house",
  "birthday",
  "parent",
  "stuff",
  "number",
  "size",
]);
const isPlural = (word: string) =>
  (word.endsWith("ies") && NOUNS.has(`${word.slice(0, -3)}y`)) ||
  (word.endsWith("es") && NOUNS.has(word.slice(0, -2))) ||
  (word.endsWith("s") && NOUNS.has(word.slice(0, -1))) ||
  // Verbs in "-s" read as plural nouns too, as `readsAsPlural` reads them.
  ["keeps", "cooks", "fixes", "gives"].includes(word);

Deno.test("asksSeveral reads what or which before a plural class noun", () => {
  assert.equal(asksSeveral("What pets do we have?", isPlural), true);
  assert.equal(asksSeveral("which trips we have this year", isPlural), true);
  assert.equal(asksSeveral("what allergies am I on about", isPlural), true);
  // A modifier may come between the question word and its class noun.
  assert.equal(asksSeveral("which Polish dishes I like", isPlural), true);
  assert.equal(asksSeveral("what big gigs and festivals have i got", isPlural), true);
  // At the end of the question the class noun is its last word.
  assert.equal(asksSeveral("remind me what trips", isPlural), true);
  // A singular asks for one.
  assert.equal(asksSeveral("What pet do we have?", isPlural), false);
  assert.equal(asksSeveral("What is the cat called?", isPlural), false);
});

Deno.test("asksSeveral reads who are and who were before a plural", () => {
  assert.equal(asksSeveral("who are my kids", isPlural), true);
  assert.equal(asksSeveral("who were our neighbours in Leeds", isPlural), true);
  assert.equal(asksSeveral("who're the neighbours", isPlural), true);
  assert.equal(asksSeveral("who is my neighbour", isPlural), false);
  // Only "who" asks for a class so: "where are my kids" asks a place, "how are the kids" news.
  assert.equal(asksSeveral("where are my kids", isPlural), false);
  assert.equal(asksSeveral("how are the kids", isPlural), false);
  // "who" before another verb asks who did something.
  assert.equal(asksSeveral("who feeds the pets", isPlural), false);
});

Deno.test("asksSeveral reads all and list before a noun phrase", () => {
  assert.equal(asksSeveral("all the car notes", isPlural), true);
  assert.equal(asksSeveral("list my allergies", isPlural), true);
  assert.equal(asksSeveral("all of my scars", isPlural), true);
  assert.equal(asksSeveral("all pets", isPlural), true);
  // "all day" quantifies no class; "all" at the end has no noun phrase.
  assert.equal(asksSeveral("yorkshire terrier who barks all day", isPlural), false);
  assert.equal(asksSeveral("that is all", isPlural), false);
});

Deno.test("asksSeveral leaves a verb in -s whose subject the question asks", () => {
  // The word after the "-s" word tells a verb (its object or a preposition) from a class noun.
  assert.equal(asksSeveral("What keeps me awake in summer?", isPlural), false);
  assert.equal(asksSeveral("which pet fixes my mood", isPlural), false);
  assert.equal(asksSeveral("what Kasia cooks for Christmas", isPlural), false);
  assert.equal(asksSeveral("What gives me headaches?", isPlural), false);
  // Before an auxiliary, a subject pronoun or "and"/"or" it is a class noun.
  const goesOn = ["do", "did", "have", "are", "can", "must", "i", "we", "you", "he", "she", "they"];
  for (const next of [...goesOn, "and", "or"]) {
    assert.equal(asksSeveral(`what pets ${next} x`, isPlural), true, next);
  }
});

Deno.test("asksSeveral stops at a function word and past its reach", () => {
  // A function word that is no possessive or determiner ends the question word's phrase.
  assert.equal(asksSeveral("what is it about pets we love", isPlural), false);
  // "did" is no possessive: "the kids" are the subject of a deed, no class asked.
  assert.equal(asksSeveral("what did the kids do", isPlural), false);
  // Possessives and determiners are passed over.
  assert.equal(asksSeveral("which of my pets do I walk", isPlural), true);
  // The class noun must come within the reach.
  const words = ["old", "big", "red", "small"];
  const at = (n: number) => `what ${words.slice(0, n).join(" ")} pets do I have`;
  assert.equal(asksSeveral(at(CLASS_WORD_REACH - 1), isPlural), true);
  assert.equal(asksSeveral(at(CLASS_WORD_REACH), isPlural), false);
  assert.equal(CLASS_WORD_REACH, 3);
});

Deno.test("asksSeveral reads dialect and texting function words", () => {
  // "dae" is "do", "aw" is "all" (`chat_speak.ts`); "ma" (a stop word) is a possessive.
  assert.equal(asksSeveral("what pets dae we have", isPlural), true);
  assert.equal(asksSeveral("what pets sometimes we have", isPlural), false);
  assert.equal(asksSeveral("aw the car notes", isPlural), true);
  assert.equal(asksSeveral("who are ma neighbours", isPlural), true);
});

Deno.test("asksSeveral passes over the demonstratives before a class noun", () => {
  // "these" and "those" open a noun phrase as "the" does; stop words both.
  assert.equal(asksSeveral("which of these dishes do I like", isPlural), true);
  assert.equal(asksSeveral("what those trips were", isPlural), true);
  assert.equal(asksSeveral("all those gigs", isPlural), true);
});

Deno.test("asksSeveral reads no further than the question's last word", () => {
  // Within reach of "what" the question ends before any plural: nothing past it is read (a
  // plural test given a word past the end would throw, as this one does).
  assert.equal(asksSeveral("remind me what colour", isPlural), false);
  assert.equal(asksSeveral("which big red", isPlural), false);
  assert.equal(asksSeveral("who are my", isPlural), false);
});

Deno.test("askedClassWords gives the class noun of each several-facts shape, once, in order", () => {
  assert.deepEqual(askedClassWords("What pets do we have?", isPlural), ["pets"]);
  assert.deepEqual(askedClassWords("which Polish dishes I like", isPlural), ["dishes"]);
  assert.deepEqual(askedClassWords("who are my kids", isPlural), ["kids"]);
  assert.deepEqual(askedClassWords("all the car notes", isPlural), ["notes"]);
  assert.deepEqual(
    askedClassWords("what pets do we have and which pets did we lose", isPlural),
    ["pets"],
  );
  assert.deepEqual(askedClassWords("what scars and which tattoos do I have", isPlural), [
    "scars",
    "tattoos",
  ]);
  // "all" before a phrase asks for everything even when no plural is named: no class word.
  assert.equal(asksSeveral("all of it", isPlural), true);
  assert.deepEqual(askedClassWords("all of it", isPlural), []);
  assert.deepEqual(askedClassWords("What is the cat called?", isPlural), []);
  assert.deepEqual(askedClassWords("what keeps me awake", isPlural), []);
});

Deno.test("askedClassWords reads what every one owns, and what several own in the plural", () => {
  assert.deepEqual(askedClassWords("everyone's medication", isPlural), ["medication"]);
  assert.deepEqual(askedClassWords("Everybody\u2019s birthdays", isPlural), ["birthdays"]);
  assert.deepEqual(askedClassWords("the kids' allergies", isPlural), ["allergies"]);
  assert.deepEqual(askedClassWords("the kids\u2019 allergies", isPlural), ["allergies"]);
  // One thing of several owners, one owner's things, a stop word owned: no class.
  assert.deepEqual(askedClassWords("my parents' house", isPlural), []);
  assert.deepEqual(askedClassWords("the kids' stuff", isPlural), []);
  assert.deepEqual(askedClassWords("Mo's allergies", isPlural), []);
  assert.deepEqual(askedClassWords("James's bills", isPlural), []);
  assert.deepEqual(askedClassWords("everyone's the same", isPlural), []);
  // Neither shape changes what asksSeveral reads.
  assert.equal(asksSeveral("everyone's medication", isPlural), false);
  assert.equal(asksSeveral("the kids' allergies", isPlural), false);
});

Deno.test("askedClassWords: a possessive owns the head of its compound, within OWNED_REACH words", () => {
  assert.equal(OWNED_REACH, 3);
  assert.deepEqual(askedClassWords("everyone's phone numbers", isPlural), ["numbers"]);
  assert.deepEqual(askedClassWords("the kids' school shoe sizes", isPlural), ["sizes"]);
  // A fourth word is past the reach; a stop word ends the noun.
  assert.deepEqual(askedClassWords("everyone's old school phone numbers", isPlural), ["old"]);
  assert.deepEqual(askedClassWords("everyone's medication and pills", isPlural), ["medication"]);
});
