import assert from "node:assert/strict";
import { holdsName, ownedRelations, RELATION_WORDS } from "./relation_owners.ts";
import { nameFactor } from "./rank.ts";
import { UNNAMED } from "./text_factor_shares.ts";
import { terms } from "./text.ts";

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

Deno.test("holdsName counts each owner of a text against its own uses", () => {
  assert.equal(holdsName("Leo's friend met Mia's mum at the gate.", "leo"), false);
  assert.equal(holdsName("Leo's friend met Mia's mum at the gate.", "mia"), false);
  assert.equal(holdsName("Leo's friend met Mia's mum; Mia waved.", "mia"), true);
  assert.equal(holdsName("Leo's friend met Mia's mum; Mia waved.", "leo"), false);
  // As many uses as relations owned: an owner only; one use more holds the name.
  assert.equal(holdsName("Leo's friend and Leo's mum came.", "leo"), false);
  assert.equal(holdsName("Leo's friend and Leo's mum came with Leo.", "leo"), true);
});

Deno.test("a long text of possessives is read once, however often a name is asked of it (attack36 A2)", () => {
  const text = Array.from({ length: 700 }, (_, i) => `Kuba's ${i % 2 ? "friend" : "mate"}`)
    .join(" ");
  const has = Set.prototype.has;
  let lookups = 0;
  Set.prototype.has = function (this: Set<unknown>, value: unknown) {
    lookups++;
    return has.call(this, value);
  };
  let answers: boolean[];
  try {
    answers = Array.from({ length: 100 }, () => holdsName(text, "kuba"));
  } finally {
    Set.prototype.has = has;
  }
  assert.ok(answers.every((held) => held === false), "Kuba is only an owner");
  // One reading of 1,400 words, then a lookup or two per call; reading it each call was 100 times that.
  assert.ok(lookups < 10 * 1_400, `${lookups} set lookups for 100 calls on 1,400 words`);
});

Deno.test("a possessive owner is a word that starts with its capital (attack36 A5)", () => {
  assert.deepEqual(ownedRelations("mcKenzie's friend came"), [], "a capital inside a word");
  assert.deepEqual(ownedRelations("3D's friend came"), [], "a digit before it");
  assert.deepEqual(ownedRelations("42Leo's friend came"), [], "a digit right before its capital");
  assert.deepEqual(ownedRelations("DeShawn's friend came"), [{
    owner: "deshawn",
    relation: "friend",
  }]);
  assert.deepEqual(ownedRelations("(Leo's friend) and “Mia's mum”"), [
    { owner: "leo", relation: "friend" },
    { owner: "mia", relation: "mum" },
  ]);
  assert.deepEqual(ownedRelations("O'Brien's sister"), [{ owner: "brien", relation: "sister" }]);
  // A run of capitals after an apostrophe is one word, read once: no owner, whatever its length.
  assert.deepEqual(ownedRelations("' " + "A".repeat(9_997)), []);
  assert.deepEqual(ownedRelations("' " + "AB".repeat(4_000) + "'s friend"), [{
    owner: terms("AB".repeat(4_000))[0]!,
    relation: "friend",
  }]);
});

Deno.test("a name's possessive may be a bare apostrophe after any letter ('Liz' mum', 'James' son')", () => {
  assert.deepEqual(ownedRelations("Liz' mum came round"), [{ owner: "liz", relation: "mum" }]);
  assert.deepEqual(ownedRelations("James' son came round"), [{ owner: "jame", relation: "son" }]);
});

Deno.test("ownedRelations: a name's 's before a determiner is the copula, owning nothing", () => {
  // A possessive is itself its noun's determiner: "Kav's my ex" says what Kav is.
  assert.deepEqual(ownedRelations("Kav's my ex, we still get on"), []);
  assert.deepEqual(ownedRelations("Declan's my husband, from Galway originally"), []);
  assert.deepEqual(ownedRelations("Priya’s a friend from work"), []);
  assert.deepEqual(ownedRelations("Kav's her brother"), []);
  // A possessive: the relation is the name's.
  assert.deepEqual(ownedRelations("Kav's ex is moving to Leeds"), [{
    owner: "kav",
    relation: "ex",
  }]);
  // So the line holds the name as whom it tells of (`nameFactor`).
  assert.ok(holdsName("Kav's my ex", "kav"));
  assert.ok(!holdsName("Kav's ex is moving to Leeds", "kav"));
});
