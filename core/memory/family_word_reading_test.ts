import assert from "node:assert/strict";
import { asksNoFamily, isRelativeName, namesWritten } from "./family_word_reading.ts";
import { askedFamilyOwner, ownerRelatives } from "./owned_family.ts";
import { tokensOf } from "./relation_names.ts";

Deno.test("ownerRelatives names no relative by a day, a month, a title or a nationality (review41b 1)", () => {
  assert.deepEqual(ownerRelatives("We saw Jonah's mum Tuesday at the market"), []);
  assert.deepEqual(ownerRelatives("Jonah's dad March was cold"), []);
  assert.deepEqual(ownerRelatives("Colleen's sister is Polish"), []);
  assert.deepEqual(ownerRelatives("Jonah's dad is Irish and his brother is British"), []);
  assert.deepEqual(ownerRelatives("Jonah's dad Dr Who fan"), []);
  // A name still is one, in apposition and after a copula.
  assert.deepEqual(ownerRelatives("Colleen's sister is Brenda"), [
    { owner: "colleen", name: "brenda" },
  ]);
  assert.deepEqual(ownerRelatives("Jonah's mum Pauline lives in Hull"), [
    { owner: "jonah", name: "paulin" },
  ]);
  assert.equal(isRelativeName(tokensOf("Tuesday")[0]), false);
  assert.equal(isRelativeName(tokensOf("Polish")[0]), false);
  assert.equal(isRelativeName(tokensOf("Brenda")[0]), true);
});

Deno.test("ownerRelatives takes no relative of someone the owner owns (review41b 2)", () => {
  assert.deepEqual(ownerRelatives("Jonah's boss's son Kai started at Leeds uni"), []);
  assert.deepEqual(ownerRelatives("Jonah's neighbour's daughter Mia"), []);
  assert.deepEqual(ownerRelatives("Jonah's older sister Brenda"), [
    { owner: "jonah", name: "brenda" },
  ]);
});

Deno.test("ownerRelatives reaches a pronoun back within its sentence only (review41b 5)", () => {
  assert.deepEqual(ownerRelatives("I had lunch with Jonah. Her sister Anna is ill."), []);
  assert.deepEqual(ownerRelatives("Saw Jonah! His son Rudy waved"), []);
  assert.deepEqual(ownerRelatives("Jonah met Sarah and her brother Tom"), [
    { owner: "sarah", name: "tom" },
  ]);
  // A line break ends a sentence as a stop does; a bracket or a dash inside one does not
  // (review41d 3).
  assert.deepEqual(ownerRelatives("I had lunch with Jonah\nHer sister Anna is ill"), []);
  assert.deepEqual(ownerRelatives("Maja (my friend) lives with her wife Kenzie"), [
    { owner: "maja", name: "kenzi" },
  ]);
  assert.deepEqual(ownerRelatives("Jonah — his sister Anna rang"), [
    { owner: "jonah", name: "anna" },
  ]);
});

Deno.test("askedFamilyOwner reads one word between the owner and the family (review41b 6)", () => {
  assert.equal(askedFamilyOwner("tell me about Jonah's whole family"), "jonah");
  assert.equal(askedFamilyOwner("how is Jonah's extended family"), "jonah");
  // A possessive or a name between is someone else's family.
  assert.equal(askedFamilyOwner("Jonah's wife's family"), undefined);
  assert.equal(askedFamilyOwner("Jonah's Smith family"), undefined);
});

Deno.test("askedFamilyOwner: a family word modifying a noun, or 'relations with', asks no family (review41b 7)", () => {
  assert.equal(askedFamilyOwner("Who is Jonah's family doctor?"), undefined);
  assert.equal(askedFamilyOwner("What's Jonah's family business?"), undefined);
  assert.equal(askedFamilyOwner("how are Jonah's relations with his boss"), undefined);
  assert.equal(askedFamilyOwner("Jonah's relations between them"), undefined);
  // A verb, a function word or "members" after it still asks.
  assert.equal(askedFamilyOwner("how is Jonah's family doing"), "jonah");
  assert.equal(askedFamilyOwner("what's Jonah's family like?"), "jonah");
  assert.equal(askedFamilyOwner("are Jonah's family members ok"), "jonah");
  assert.equal(askedFamilyOwner("how are Jonah's relations"), "jonah");
  assert.equal(asksNoFamily(tokensOf("family doctor"), 0), true);
  assert.equal(asksNoFamily(tokensOf("family. Doctor"), 0), false);
  assert.equal(asksNoFamily(tokensOf("family Doctor"), 0), false);
});

Deno.test("namesWritten: a name term only where the text writes it capitalised (review41b 3)", () => {
  assert.deepEqual([...namesWritten("Hunter broke his arm at rugby")], ["hunter"]);
  assert.deepEqual([...namesWritten("The hunter in the novel was the murderer")], []);
  assert.deepEqual([...namesWritten("I went with Summer and Dr Lee")], ["summer", "lee"]);
});
