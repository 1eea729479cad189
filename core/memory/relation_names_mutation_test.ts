/**
 * Mutation tests of `relation_names.ts` (mut51): each case pins a boundary or a branch that a
 * small change of the code left unnoticed by `relation_names_test.ts`.
 */
import assert from "node:assert/strict";
import { askedRelations, namedRelations } from "./relation_names.ts";
import { termsOf } from "./terms_memo.ts";

const pairs = (text: string) =>
  namedRelations(text).map(({ name, relation }) => `${name}:${relation}`);

Deno.test("relation names: the naming copulas are 'is', 'was' and a texted 's'", () => {
  assert.deepEqual(pairs("my boss was called Declan"), ["declan:boss"]);
  assert.deepEqual(pairs("Kasia was my wife"), ["kasia:wife"]);
  // Texted without the apostrophe: "Kasia s my wife", "my boss s called Declan".
  assert.deepEqual(pairs("Kasia s my wife"), ["kasia:wife"]);
  assert.deepEqual(pairs("my boss s called Declan"), ["declan:boss"]);
});

Deno.test("relation names: a capital, an apostrophe and a capital make a name ('O'Brien')", () => {
  assert.deepEqual(pairs("my boss is called O'Brien"), [`${termsOf("O'Brien")[0]}:boss`]);
  // Capitals alone are an abbreviation, not a name.
  assert.deepEqual(pairs("my boss is called GP"), []);
});

Deno.test("relation names: an honorific or a relation word is never the name", () => {
  // "Dr" is how the name is said, not the name; the name after it is read by a copula only.
  assert.ok(!pairs("my partner Dr Walsh").some((pair) => pair.startsWith("dr:")));
  assert.deepEqual(pairs("my partner is Dr Walsh"), ["walsh:partner"]);
  // "Mum, my sister and I": Mum is the speaker's mother, not the sister's name.
  assert.deepEqual(pairs("Mum, my sister and I went to Cork"), []);
  assert.deepEqual(pairs("Sister, my wife, is a nurse"), []);
});

Deno.test("relation names: a stop word after the relation leaves the name before it to be read", () => {
  // Texted with no full stop: "He" is no name, so "Tom is my son" is still read.
  assert.deepEqual(pairs("Tom is my son He plays football"), ["tom:son"]);
});

Deno.test("relation names: the owner right before the relation word, on the same line", () => {
  assert.deepEqual(pairs("our\nson Kuba has 16 years"), []);
  assert.deepEqual(pairs("my\nlittle sister Bisi"), []);
  assert.deepEqual(pairs("my little\nsister Bisi"), []);
  // "my landlords' son Tom": the apostrophe after the plural stands between, a possessive.
  assert.deepEqual(pairs("my landlords' son Tom plays drums"), []);
});

Deno.test("relation names: a relation word between the owner and the relation makes it another's", () => {
  // Texted "my son friend Tom" is the son's friend, not the speaker's.
  assert.deepEqual(pairs("my son friend Tom came round"), []);
  // "Tom is my son's friend": the son owns the friend; Tom is no son.
  assert.deepEqual(pairs("Tom is my son's friend"), []);
});

Deno.test("relation names: a name before a relation with one word between", () => {
  assert.deepEqual(pairs("Bisi, my little sister, is a hairdresser"), ["bisi:sister"]);
  assert.deepEqual(pairs("Kasia is my little sister"), ["kasia:sister"]);
});

Deno.test("relation names: a line break on either side of the comma after the relation is no apposition", () => {
  assert.deepEqual(pairs("my wife,\nKasia, works nights"), []);
  assert.deepEqual(pairs("my wife\n, Kasia, works nights"), []);
  assert.deepEqual(pairs("my wife , Kasia , works nights"), ["kasia:wife"]);
});

Deno.test("relation names: each pair once however often it is told", () => {
  assert.deepEqual(pairs("my son Kuba and our son Kuba"), ["kuba:son"]);
  assert.deepEqual(pairs("my son Kuba and my boss Kuba"), ["kuba:son", "kuba:boss"]);
});

Deno.test("relation names: a relation named after it is not named again by a name before it", () => {
  // Anna is someone the speaker went with; Bisi is the sister.
  assert.deepEqual(pairs("Anna, my sister Bisi and I went"), ["bisi:sister"]);
  assert.deepEqual(pairs("Anna, my sister is called Bisi"), ["bisi:sister"]);
});

Deno.test("relation names: a name before 'is my' only when nothing but spaces stands between", () => {
  // "Kasia is, my wife says, the best cook": the wife is talking, not named.
  assert.deepEqual(pairs("Kasia is, my wife says, the best cook"), []);
  // "I met Kasia. Is my wife jealous": a question of its own.
  assert.deepEqual(pairs("I met Kasia. Is my wife jealous"), []);
  assert.deepEqual(pairs("Kasia is\nmy wife"), []);
});

Deno.test("asked relations: a relative owned by someone else two words before is theirs", () => {
  assert.deepEqual(askedRelations("what does his little son do"), []);
  assert.deepEqual(askedRelations("what does Florin's little son do"), []);
  assert.deepEqual(askedRelations("what does my little son do").map((one) => one.term), ["son"]);
  // Each word of another owner: "his", "her", "their", "its", "whose", "your".
  for (
    const text of [
      "what do their kids do",
      "what does her son do",
      "the dog and its mum",
      "whose mum is in Cork",
      "what does your wife do",
    ]
  ) assert.deepEqual(askedRelations(text), [], text);
  assert.deepEqual(askedRelations("is there an aunt in Cork"), []);
});
