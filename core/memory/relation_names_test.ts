import assert from "node:assert/strict";
import {
  askedRelations,
  namedRelations,
  PARTNER_ROLES,
  RELATION_NAME_WORDS,
  tokensOf,
} from "./relation_names.ts";
import { stem } from "./text.ts";

const pairs = (text: string) =>
  namedRelations(text).map(({ name, relation }) => `${name}:${relation}`);

Deno.test("relation names: the relation words are kinship words and companions, not roles of affairs", () => {
  for (
    const word of ["son", "kids", "mum", "mama", "granny", "wife", "boss", "partner", "friend"]
  ) {
    assert.ok(RELATION_NAME_WORDS.has(word), word);
  }
  for (const word of ["teacher", "doctor", "gp", "landlord", "dog", "family"]) {
    assert.equal(RELATION_NAME_WORDS.has(word), word === "family", word);
  }
});

Deno.test("relation names: apposition after my or our, one word between at most", () => {
  assert.deepEqual(pairs("our son Kuba has 16 years"), ["kuba:son"]);
  assert.deepEqual(pairs("My wife Kasia works nights"), ["kasia:wife"]);
  assert.deepEqual(pairs("my little sister Bisi is a hairdresser"), ["bisi:sister"]);
  assert.deepEqual(pairs("my wife, Kasia, works nights"), ["kasia:wife"]);
  assert.deepEqual(pairs("my mum Halina and my boss Declan"), ["halina:mum", "declan:boss"]);
  // Two words between, a line break, a comma on one side only ("my son, Tom and I": a list).
  assert.deepEqual(pairs("my very little sister Bisi"), []);
  assert.deepEqual(pairs("my son\nKuba"), []);
  assert.deepEqual(pairs("my son, Tom and I went fishing"), []);
});

Deno.test("relation names: a name before its relation, and a copula that says it names", () => {
  assert.deepEqual(pairs("Kuba, my son, plays football"), ["kuba:son"]);
  assert.deepEqual(pairs("Kasia is my wife"), ["kasia:wife"]);
  assert.deepEqual(pairs("my boss is called Declan"), ["declan:boss"]);
  assert.deepEqual(pairs("my friend is named Anto"), ["anto:friend"]);
  assert.deepEqual(pairs("my boss is now called Niamh"), ["niamh:boss"]);
  assert.deepEqual(pairs("my boss is now really called Niamh"), []);
  assert.deepEqual(pairs("my partner is Dr Walsh"), ["walsh:partner"]);
  // A bare copula is a property as often as a name.
  assert.deepEqual(pairs("my wife is Polish"), []);
  assert.deepEqual(pairs("Kuba my son"), []);
});

Deno.test("relation names: someone else's relation names no one of the speaker's", () => {
  assert.deepEqual(pairs("Florin's son Matei is five"), []);
  assert.deepEqual(pairs("his wife Agata is a nurse"), []);
  assert.deepEqual(pairs("my landlord's son Tom plays drums"), []);
  assert.deepEqual(pairs("my wife's sister Fatima visited"), []);
  assert.deepEqual(pairs("our son I think"), []);
  assert.deepEqual(pairs("my son The end"), []);
});

Deno.test("relation names: a question's own relation words, with what each covers", () => {
  const asked = (text: string) =>
    askedRelations(text).map((one) => `${one.term}:${[...one.stems].sort().join(",")}`);
  assert.deepEqual(asked("what my son want to do for job"), ["son:son"]);
  assert.deepEqual(askedRelations("when are the kids birthdays").map((one) => one.term), ["kid"]);
  const kids = askedRelations("when are the kids birthdays")[0]!.stems;
  for (const stem of ["kid", "child", "son", "daughter"]) assert.ok(kids.includes(stem), stem);
  assert.ok(!kids.includes("wife"));
  // "the wife's mum": the wife is asked about, the mum is hers.
  assert.deepEqual(askedRelations("what does the wife's mum do").map((one) => one.term), ["wife"]);
  assert.deepEqual(asked("who is my boss"), ["boss:boss"]);
  assert.deepEqual(askedRelations("what does my son and my son do").length, 1);
  // Someone else's, of someone, or no one in particular.
  for (
    const text of [
      "what does Florin's son do",
      "what does his wife do",
      "where does your mum live",
      "the father of the bride",
      "what surgery did I have as a kid",
      "is there an uncle in Cork",
    ]
  ) assert.deepEqual(askedRelations(text), [], text);
});

Deno.test("relation names: a count of a class asks no member's name", () => {
  // "How many children": the memories that say how many ("I have two children") answer it, not
  // each child's own news; the word itself stays a relation word elsewhere.
  assert.deepEqual(askedRelations("How many children do I have?"), []);
  // "our family" is still asked about; the counted kids are not.
  const terms = askedRelations("how many kids are in our family").map((one) => one.term);
  assert.deepEqual(terms, ["famili"]);
  assert.deepEqual(askedRelations("how many of my kids have a bike").map((one) => one.term), [
    "kid",
  ]);
  assert.deepEqual(askedRelations("my kids: how many play rugby").map((one) => one.term), ["kid"]);
});

Deno.test("relation names: a hyphenated compound is a word of its own, not its first part's relation", () => {
  // A son-in-law is no son, a mother-in-law no mother: "what does my son do" is not about Tom.
  assert.deepEqual(pairs("my son-in-law Tom is a plumber"), []);
  assert.deepEqual(pairs("Tom, my brother-in-law, fixed it"), []);
  assert.deepEqual(pairs("Halina is my mother-in-law"), []);
  assert.deepEqual(askedRelations("what does my mother-in-law always ask"), []);
  assert.deepEqual(askedRelations("what does my son-in-law do"), []);
  // A hyphenated name is still a name, and the relation words around it still read.
  assert.equal(pairs("my sister Mary-Kate is here").length, 1);
  assert.deepEqual(pairs("my son Kuba and my son-in-law Tom"), ["kuba:son"]);
});

Deno.test("relation names: a hyphenated spelling of a one-word relation is that relation", () => {
  // "grand-daughter" is "granddaughter" written with a hyphen, as "son-in-law" is no "son".
  assert.deepEqual(pairs("my grand-daughter Mia is five"), [`mia:${stem("granddaughter")}`]);
  assert.deepEqual(pairs("Ewan is my boy-friend"), [`ewan:${stem("boyfriend")}`]);
  assert.deepEqual(pairs("my room-mate Jo cooks"), [`jo:${stem("roommate")}`]);
  assert.deepEqual(askedRelations("what does my grand-son play").map((one) => one.term), [
    stem("grandson"),
  ]);
  // A compound of words that is no one word stays nobody's relation.
  assert.deepEqual(pairs("my half-brother Lee is here"), []);
  assert.deepEqual(pairs("my ex-wife Kasia phoned"), []);
});

Deno.test("tokens: the gap after each word, a dash only with blanks round a hyphen", () => {
  const gaps = (text: string) => tokensOf(text).map((token) => `${token.raw}:${token.gap}`);
  assert.deepEqual(gaps("Miso — our cat. Sam (my son-in-law), Kit – x; y - z"), [
    "Miso:dash",
    "our:space",
    "cat:stop",
    "Sam:open",
    "my:space",
    "son-in-law:other",
    "Kit:dash",
    "x:stop",
    "y:dash",
    "z:stop",
  ]);
  // At the text's end a blank or a stop is a stop; a closing bracket is not.
  assert.deepEqual(gaps("Kit! "), ["Kit:stop"]);
  assert.deepEqual(gaps("Kit"), ["Kit:stop"]);
  assert.deepEqual(gaps("(Kit)"), ["Kit:other"]);
  assert.deepEqual(gaps("Kit -x"), ["Kit:other", "x:stop"]);
  // A line break ends a sentence as a stop does (a texted line seldom has its full stop).
  assert.deepEqual(gaps("Kit!?\nSam"), ["Kit:stop", "Sam:stop"]);
  assert.deepEqual(gaps("Kit\nSam"), ["Kit:stop", "Sam:stop"]);
  assert.deepEqual(gaps("Kit,\nSam"), ["Kit:other", "Sam:stop"]);
});

Deno.test("relation names: a partner role's copula names a capitalised word, no other role's", () => {
  assert.deepEqual(pairs("My wife is Colleen we got married in 2001"), ["colleen:wife"]);
  assert.deepEqual(pairs("my husband is Gareth, he teaches PE"), ["gareth:husband"]);
  assert.deepEqual(pairs("my partner is Jonah"), ["jonah:partner"]);
  // One has several friends, brothers or bosses over time: a capitalised word is a property.
  assert.deepEqual(pairs("my friend is Tom"), []);
  assert.deepEqual(pairs("my brother is Catholic"), []);
  // A people or a language, a month or a weekday, is no partner's name.
  assert.deepEqual(pairs("my wife is Polish"), []);
  assert.deepEqual(pairs("my girlfriend is Swedish too"), []);
  assert.deepEqual(pairs("my partner is June"), []);
  // Lower case is no name, nor a word past a mark after the copula.
  assert.deepEqual(pairs("my wife is lurdes"), []);
  assert.deepEqual(pairs("my wife is. Colleen came"), []);
  assert.deepEqual([...PARTNER_ROLES].sort(), [
    "boyfriend",
    "fiance",
    "fiancee",
    "girlfriend",
    "husband",
    "partner",
    "spouse",
    "wife",
  ]);
});
