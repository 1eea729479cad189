import assert from "node:assert/strict";
import {
  askedPhrase,
  PHRASE_APART,
  PHRASE_CHARS,
  PHRASE_WORDS,
  phraseApartFactor,
  pooledPhrase,
} from "./bare_phrases.ts";
import { stem } from "./text.ts";

Deno.test("askedPhrase: a bare phrase of two to PHRASE_WORDS words is asked as a unit", () => {
  assert.equal(PHRASE_WORDS, 6);
  assert.deepEqual(askedPhrase("Harriet Vance"), ["harriet", "vanc"]);
  assert.deepEqual(askedPhrase("house party in Fallowfield"), [
    "hous",
    "parti",
    "in",
    "fallowfield",
  ]);
  // An opening determiner is not part of the unit ("the", "my", "our" change with the speaker).
  assert.deepEqual(askedPhrase("the garden gate code"), ["garden", "gate", "code"]);
  assert.equal(askedPhrase("one two three four five six")?.length, 6);
});

Deno.test("askedPhrase: a question, one word, a determiner and one word or a sentence is no bare phrase", () => {
  for (
    const query of [
      "what is Harriet's job", // a question word
      "is Tobi allergic to peanuts", // an auxiliary first
      "Harriet Vance?", // a question mark
      "Harriet", // one word
      "my mum", // a determiner and one word
      "the band",
      "one two three four five six seven", // longer than PHRASE_WORDS
      "Tell me about my kids", // a personal pronoun: a clause
      "we met at uni",
      "remind them about it",
      "Priya's health: allergies and medication", // a colon: a heading and its topics
      "boots, coat and hat", // a comma: a list
      "house party; Fallowfield", // a semicolon
    ]
  ) {
    assert.equal(askedPhrase(query), undefined, query);
  }
});

Deno.test("phraseApartFactor: a line without the phrase in order loses PHRASE_APART", () => {
  assert.equal(PHRASE_APART, 0.2);
  const harriet = askedPhrase("Harriet Vance");
  assert.equal(phraseApartFactor(harriet, "my boss is Harriet Vance, head of sound"), 1);
  assert.equal(phraseApartFactor(harriet, "Harriet's gone to the National"), 1 - PHRASE_APART);
  assert.equal(phraseApartFactor(harriet, "Vance and Harriet are both in"), 1 - PHRASE_APART);
  const party = askedPhrase("house party in Fallowfield");
  assert.equal(phraseApartFactor(party, "fallowfield is all students and house parties"), 0.8);
  // Forms hold the phrase by stem.
  assert.equal(phraseApartFactor(party, "they met at house parties in Fallowfield"), 1);
  assert.equal(phraseApartFactor(undefined, "anything at all"), 1);
});

Deno.test("phraseApartFactor: only the first PHRASE_CHARS characters are searched", () => {
  assert.equal(PHRASE_CHARS, 2_000);
  const phrase = [stem("harriet"), stem("vance")];
  const pad = "and then ".repeat(Math.ceil(PHRASE_CHARS / 9));
  assert.equal(phraseApartFactor(phrase, `Harriet Vance ${pad}`), 1);
  assert.equal(phraseApartFactor(phrase, `${pad} Harriet Vance`), 1 - PHRASE_APART);
});

Deno.test("pooledPhrase: the phrase is asked only when some line of the pool holds it in order", () => {
  const pool = [
    "fallowfield is all students and house parties",
    "they met at house parties in Fallowfield",
  ];
  assert.deepEqual(
    pooledPhrase("house party in Fallowfield", pool),
    askedPhrase("house party in Fallowfield"),
  );
  // Keywords no line holds together: every line holds them apart, none is told from the others.
  assert.equal(
    pooledPhrase("lighthouse painted", ["The lighthouse is painted blue now"]),
    undefined,
  );
  assert.equal(
    pooledPhrase("blue lighthouse", ["The lighthouse keeper paints the lighthouse blue"]),
    undefined,
  );
  assert.equal(pooledPhrase("house party in Fallowfield", []), undefined);
  // No bare phrase: nothing to look for, whatever the pool holds.
  assert.equal(
    pooledPhrase("Where was the house party?", ["the house party was in Fallowfield"]),
    undefined,
  );
});
