import assert from "node:assert/strict";
import { holdsName, ownedRelations, RELATION_WORDS } from "./relation_owners.ts";
import { nameFactor } from "./rank.ts";
import { UNNAMED } from "./ranking.ts";

Deno.test("a possessive name before a word of relation owns it, one word between at most", () => {
  assert.deepEqual(ownedRelations("Leo's friend got a 9 in the maths mock."), [
    { owner: "leo", relation: "friend" },
  ]);
  assert.deepEqual(ownedRelations("Priya’s best friend is Callum"), [
    { owner: "priya", relation: "friend" },
  ]);
  assert.deepEqual(ownedRelations("James' older sisters"), [
    { owner: "jame", relation: "sister" },
  ]);
  assert.deepEqual(ownedRelations("Marcus's partner works nights"), [
    { owner: "marcu", relation: "partner" },
  ]);
  assert.deepEqual(ownedRelations("Leo's chemistry teacher is Mr Dunne"), [], "no relation");
  assert.deepEqual(ownedRelations("Leo's mock exam result"), [], "no relation");
  assert.deepEqual(ownedRelations("Leo's very kind old friend"), [], "two words between");
  assert.deepEqual(ownedRelations("leo's friend"), [], "no capitalised name");
  assert.deepEqual(ownedRelations("Leo's\nfriend"), [], "a new line starts a new sentence");
  assert.deepEqual(ownedRelations("Leo and his friend"), []);
  for (const word of ["mum", "brother", "niece", "partner", "friend", "neighbour", "flatmate"]) {
    assert.ok(RELATION_WORDS.has(word), word);
  }
  for (const word of ["teacher", "boss", "doctor", "dog"]) assert.ok(!RELATION_WORDS.has(word));
});

Deno.test("a memory naming someone only as a relation's owner does not hold the name", () => {
  assert.equal(holdsName("Leo's friend got a 9 in the maths mock.", "leo"), false);
  assert.equal(holdsName("Amara's niece is studying in Madrid.", "amara"), false);
  assert.equal(holdsName("Leo got a 7 in the maths mock.", "leo"), true);
  assert.equal(holdsName("Leo's friend beat Leo in the mock.", "leo"), true, "named once more");
  assert.equal(holdsName("Leo's friends got a 9; Leo got a 7.", "leo"), true);
  assert.equal(holdsName("Leo's chemistry teacher sets a quiz.", "leo"), true);
  assert.equal(holdsName("Mila is afraid of the dark", "leo"), false);
  // A query asking about that very relation of that name is about it.
  const asked = ownedRelations("Who's Priya's partner?");
  assert.equal(holdsName("Priya's partner Ewan is a chef.", "priya", asked), true);
  assert.equal(holdsName("Priya's partner Ewan is a chef.", "priya"), false);
  assert.equal(holdsName("Priya's boyfriend is a chef.", "priya", asked), true, "any relation");
  assert.equal(holdsName("Leo's friend is a chef.", "leo", asked), false, "another name's");
  assert.equal(holdsName("Marcus's partner works nights.", "priya", asked), false);
});

Deno.test("the names factor: a relation's owner alone costs UNNAMED", () => {
  assert.equal(nameFactor(["leo"], "Leo's friend got a 9 in the maths mock"), 1 - UNNAMED);
  assert.equal(nameFactor(["leo"], "Leo got a 7 in the maths mock"), 1);
  assert.equal(nameFactor(["leo"], "Leo's friend got a 9", ["leo"]), 1, "its owner persona's");
  assert.equal(
    nameFactor(["priya"], "Priya's partner Ewan", [], ownedRelations("Priya's partner?")),
    1,
  );
});
