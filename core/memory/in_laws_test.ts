import assert from "node:assert/strict";
import { asksOwnInLaws, IN_LAW_OWNER_REACH, IN_LAW_WORDS, partnerTies } from "./in_laws.ts";
import { TIE_CHARS } from "./relation_ties.ts";
import { heldChars } from "./text_memo.ts";

Deno.test("asksOwnInLaws reads the collective 'in-laws' no one else owns", () => {
  assert.deepEqual([...IN_LAW_WORDS], ["inlaws"]);
  assert.equal(asksOwnInLaws("who are my in-laws"), "in-laws");
  assert.equal(asksOwnInLaws("what do I know about the In-Laws?"), "In-Laws");
  assert.equal(asksOwnInLaws("tell me about our inlaws"), "inlaws");
  assert.equal(asksOwnInLaws("in-laws"), "in-laws");
  assert.equal(asksOwnInLaws("how are my lovely new in-laws"), "in-laws");
  assert.equal(asksOwnInLaws("are my parents and in-laws coming"), "in-laws");
  assert.equal(IN_LAW_OWNER_REACH, 4);
  // Past the reach, a possessive owns nothing: "Dev's" is too far from "in-laws" to be its owner.
  assert.equal(asksOwnInLaws("Dev's friends met a b c in-laws"), "in-laws");
  // Someone else's in-laws, a single in-law, the law itself: not the speaker's in-laws.
  for (
    const text of [
      "who are Dev's in-laws",
      "how are his in-laws",
      "your in-laws are lovely",
      "who is my mother-in-law",
      "what does the law say",
      // Walked back over adjectives and an and-list to the owner, or owned by an "of" phrase.
      "how are his new in-laws",
      "Dev's future in-laws",
      "what do the kids' in-laws do",
      "Dev's parents and in-laws",
      "the in-laws of my brother",
    ]
  ) assert.equal(asksOwnInLaws(text), undefined, text);
});

Deno.test("asksOwnInLaws stops the owner walk at a function word: a determiner opens its own noun phrase", () => {
  for (
    const text of [
      "Did Mia's mom like the in-laws?",
      "When did Dev's wife meet the in-laws",
      "Is Jo's party with the in-laws",
      "Dev's kids visit the in-laws",
    ]
  ) assert.equal(asksOwnInLaws(text), "in-laws", text);
  // The words that stand after a determiner inside its noun phrase do not stop it.
  for (
    const text of ["his very own in-laws", "Dev's other in-laws", "her only in-laws"]
  ) assert.equal(asksOwnInLaws(text), undefined, text);
});

Deno.test("asksOwnInLaws: 'my' before in-laws and 'of mine' after them beat the 'of' phrase", () => {
  for (
    const text of [
      "What do my in-laws of twenty years think",
      "What did the in-laws of mine say",
      "the in-laws of ours",
      "the in-laws of twenty years",
    ]
  ) assert.equal(asksOwnInLaws(text), "in-laws", text);
  for (
    const text of [
      "the in-laws of my brother",
      "the in-laws of Dev",
      "the in-laws of the groom",
      "the in-laws of his sister",
    ]
  ) assert.equal(asksOwnInLaws(text), undefined, text);
});

Deno.test("asksOwnInLaws: a word ending in s before '/' or '&' is no plural possessive", () => {
  assert.equal(asksOwnInLaws("tell me about my parents/in-laws"), "in-laws");
  assert.equal(asksOwnInLaws("my parents & in-laws"), "in-laws");
  assert.equal(asksOwnInLaws("what do the kids’ in-laws do"), undefined);
});

Deno.test("partnerTies: a partner role owned by a name or by my/our, the name after or before it", () => {
  const ties = (text: string) => partnerTies(text).map(({ owner, name }) => [owner, name]);
  // Owned by a name: apposition after, a copula after, a bracket, a comma or a copula before.
  assert.deepEqual(ties("Jonah (Theo's partner) is a physio"), [["theo", "jonah"]]);
  assert.deepEqual(ties("Theo's partner Jonah is a physio"), [["theo", "jonah"]]);
  assert.deepEqual(ties("Theo's wife, Colleen, drives"), [["theo", "colleen"]]);
  assert.deepEqual(ties("Theo's husband is Jonah"), [["theo", "jonah"]]);
  assert.deepEqual(ties("Jonah is Theo's fiance"), [["theo", "jonah"]]);
  assert.deepEqual(ties("Jonah, Theo's boyfriend, cooks"), [["theo", "jonah"]]);
  // The speaker's own: the forms `relation_names.ts` reads, and a bracket.
  assert.deepEqual(ties("my wife is Colleen, we met in 1998"), [[undefined, "colleen"]]);
  assert.deepEqual(ties("Jonah (my partner) is a physio"), [[undefined, "jonah"]]);
  assert.deepEqual(ties("Kasia is my wife"), [[undefined, "kasia"]]);
  // No partner role, a role someone's possessive owns, a possessive after the copula.
  for (
    const text of [
      "Theo's friend Jonah is a physio",
      "Theo's partner's mum Pauline lives in Hull",
      "Anna (Theo's partner's sister) came",
      "Theo's partner is Jonah's age",
      "the partner Jonah chose",
      "Jonah is a partner at the firm",
    ]
  ) assert.deepEqual(ties(text), [], text);
});

Deno.test("partnerTies: a name joined to the speaker as the subject of becoming partners is the speaker's", () => {
  // review44b L3: "Maja and I got married" tells the partner with no role word.
  const ties = (text: string) => partnerTies(text).map(({ owner, name }) => [owner, name]);
  assert.deepEqual(ties("Maja and I got married in Gdansk"), [[undefined, "maja"]]);
  assert.deepEqual(ties("Maja and I are engaged!"), [[undefined, "maja"]]);
  assert.deepEqual(ties("Maja and I have just moved in together"), [[undefined, "maja"]]);
  assert.deepEqual(ties("Maja and I married in June"), [[undefined, "maja"]]);
  for (
    const text of [
      "Maja and I moved to Leeds", // a move, not a household
      "Maja and I went to a wedding",
      "Maja's sister and I got married", // the possessive owns another
      "Maja and Tom got married", // not the speaker
      "Maja and I were at the wedding when Tom got married",
      // Another verb's "engaged", a third person "married to" (review45b L2).
      "Jo and I are engaged in a lawsuit with the landlord.",
      "Jo and I were engaged by the same firm.",
      "Sam and I were married to brothers.",
    ]
  ) assert.deepEqual(ties(text), [], text);
});

Deno.test("partnerTies: only the first TIE_CHARS characters are read, and held by the memos", () => {
  // review45b L3: a 99,000-character "Maja and I ..." line was read whole, twice.
  const pad = "the weather was grey all day ".repeat(Math.ceil(TIE_CHARS / 29));
  const ties = (text: string) => partnerTies(text).map(({ owner, name }) => [owner, name]);
  assert.deepEqual(ties(`Maja and I got married. ${pad}`), [[undefined, "maja"]]);
  assert.deepEqual(ties(`${pad} Maja and I got married.`), []);
  assert.deepEqual(ties(`${pad} my wife Colleen`), []);
  const long = `(${crypto.randomUUID()}) Maja and I got married. ${"Maja and I ".repeat(9_000)}`;
  const before = heldChars();
  partnerTies(long);
  assert.ok(heldChars() - before <= TIE_CHARS, `${heldChars() - before} characters held`);
});
