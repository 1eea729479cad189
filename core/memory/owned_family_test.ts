import assert from "node:assert/strict";
import {
  askedFamilyOwner,
  FAMILY_MEMBER_TERMS,
  FAMILY_WORDS,
  isFamilyMember,
  ownerRelatives,
} from "./owned_family.ts";

Deno.test("askedFamilyOwner reads a name's family by a possessive, a side of the family and 'X and his family'", () => {
  assert.deepEqual([...FAMILY_WORDS], ["family", "families", "relatives", "relations", "folks"]);
  assert.equal(askedFamilyOwner("what's Jonah's family like"), "jonah");
  assert.equal(askedFamilyOwner("Tom's relatives"), "tom");
  assert.equal(askedFamilyOwner("what do I know about Colleen's side of the family"), "colleen");
  assert.equal(askedFamilyOwner("Dev and his family"), "dev");
  assert.equal(askedFamilyOwner("how are Maja and her folks"), "maja");
  // Every family word, in any case, passes the quick test before the tokens are read.
  for (const word of FAMILY_WORDS) {
    assert.equal(askedFamilyOwner(`Tom's ${word}`), "tom", word);
    assert.equal(askedFamilyOwner(`Tom's ${word.toUpperCase()}`), "tom", word);
  }
});

Deno.test("askedFamilyOwner asks about no one's family without a named owner", () => {
  // The speaker's own family, a name that owns no family word, a family word owned by no name.
  assert.equal(askedFamilyOwner("how is my family"), undefined);
  assert.equal(askedFamilyOwner("what does Jonah's brother do"), undefined);
  assert.equal(askedFamilyOwner("the family car needs a service"), undefined);
  // A side that is no side of the family; a pronoun with no name joined by "and".
  assert.equal(askedFamilyOwner("Colleen's side of the bed"), undefined);
  assert.equal(askedFamilyOwner("what's Colleen's opinion of the family"), undefined);
  assert.equal(askedFamilyOwner("me and his family"), undefined);
  // A possessive before "and" is someone else's: "Dev's and his family" names no owner so.
  assert.equal(askedFamilyOwner("Dev's and his family"), undefined);
});

Deno.test("isFamilyMember: kinship words, steps, halves and in-laws, and a partner, never a collective or a colleague", () => {
  for (const word of ["mum", "brother", "granny", "stepmother", "halfbrother", "sisterinlaw"]) {
    assert.equal(isFamilyMember(word), true, word);
  }
  for (const word of ["partner", "girlfriend", "fiancee"]) assert.equal(isFamilyMember(word), true);
  for (const word of ["family", "relatives", "relative", "relation", "boss", "neighbour"]) {
    assert.equal(isFamilyMember(word), false, word);
  }
  // "step" or "in-law" alone, or on a word that is no relative.
  for (const word of ["step", "inlaw", "stepladder", "outlaw"]) {
    assert.equal(isFamilyMember(word), false, word);
  }
  assert.ok(FAMILY_MEMBER_TERMS.includes("mum") && FAMILY_MEMBER_TERMS.includes("partner"));
  assert.ok(!FAMILY_MEMBER_TERMS.some((term) => term.startsWith("rel") || term === "famili"));
});

Deno.test("ownerRelatives reads a relative's name in apposition, one word on, and after a copula", () => {
  assert.deepEqual(ownerRelatives("Jonah's mum Pauline lives in Hull"), [
    { owner: "jonah", name: "paulin" },
  ]);
  assert.deepEqual(ownerRelatives("Colleen's older sister Brenda lives in Steinbach"), [
    { owner: "colleen", name: "brenda" },
  ]);
  assert.deepEqual(ownerRelatives("Colleen's sister is Brenda in Steinbach"), [
    { owner: "colleen", name: "brenda" },
  ]);
  assert.deepEqual(ownerRelatives("Dev's girlfriend, Mirela, is a vet nurse"), [
    { owner: "dev", name: "mirela" },
  ]);
  assert.deepEqual(ownerRelatives("Sam's sister-in-law Ada sings"), [
    { owner: "sam", name: "ada" },
  ]);
});

Deno.test("ownerRelatives gives a possessive pronoun's relative to the nearest name before it", () => {
  assert.deepEqual(ownerRelatives("Theo said: Dev's got his son Rudy on Tuesdays"), [
    { owner: "dev", name: "rudi" },
  ]);
  assert.deepEqual(ownerRelatives("Maja lives in Bristol with her wife Kenzie"), [
    { owner: "maja", name: "kenzi" },
  ]);
  // No name before the pronoun: no owner.
  assert.deepEqual(ownerRelatives("he lives with his son Rudy"), []);
});

Deno.test("ownerRelatives ties nothing but a family member's name to its owner", () => {
  // A colleague is no relative; a comma before the name needs one after it ("a list").
  assert.deepEqual(ownerRelatives("Jonah's boss Gary is strict"), []);
  assert.deepEqual(ownerRelatives("Dev's girlfriend, Mirela and I went out"), []);
  // Two words between the owner and the member; a name between them ("Jonah's Gran Kim" is
  // read, "Gran" a relation word; "Jonah's Kim brother" is not).
  assert.deepEqual(ownerRelatives("Jonah's very old brother Aaron"), []);
  assert.deepEqual(ownerRelatives("Jonah's Kim brother Aaron"), []);
  assert.deepEqual(ownerRelatives("Jonah's Gran Kim"), [{ owner: "jonah", name: "kim" }]);
  // The relative's own relative is theirs, not the first owner's.
  assert.deepEqual(ownerRelatives("Colleen's sister's husband Rick"), []);
  assert.deepEqual(ownerRelatives("with Brenda's husband Rick"), [
    { owner: "brenda", name: "rick" },
  ]);
  // A copula to a word without a capital is a property, not a name.
  assert.deepEqual(ownerRelatives("Jonah's mum is lovely"), []);
});
