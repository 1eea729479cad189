import assert from "node:assert/strict";
import {
  COMPOUND_HEAD_RELATION,
  COMPOUND_MODIFIER_RELATION,
  RELATIONAL_MODIFIER_RELATION,
  withCompoundRelatives,
} from "./compound_related.ts";
import { WordVectors } from "./word_vectors.ts";
import { input, memoryFixture } from "../testing/contract_fixture.ts";
import { SqliteBackend } from "../sqlite_backend.ts";
import type { SqliteDatabase } from "../../storage/mod.ts";

const ranks = new Map([["smart", 10], ["phone", 20], ["flat", 30], ["mate", 40], ["light", 50]]);
const known = {
  rankOf: (word: string) => ranks.get(word),
  similarity: () => 0.5,
  informativeness: () => 1,
  isPerson: (word: string) => word === "mate",
};

Deno.test("a compound matches its head as a kind and its modifier as a defining word", () => {
  const related = withCompoundRelatives("smartphone", new Map([["gadget", 0.45]]), known);
  assert.equal(related?.get("phone"), COMPOUND_HEAD_RELATION);
  assert.equal(related?.get("smart"), COMPOUND_MODIFIER_RELATION);
  assert.equal(related?.get("gadget"), 0.45, "WordNet's own relatives stay");
});

Deno.test("a compound whose head names a person matches its modifier closely, not its head", () => {
  const related = withCompoundRelatives("flatmate", new Map([["friend", 0.45]]), known);
  assert.equal(related?.get("flat"), RELATIONAL_MODIFIER_RELATION);
  assert.equal(related?.has("mate"), false, "any mate is no flatmate");
  assert.equal(related?.get("friend"), 0.45);
});

Deno.test("a word that is no compound keeps its relations; a stronger relation is not lowered", () => {
  const own = new Map([["lamp", 0.45]]);
  assert.equal(withCompoundRelatives("lamplight", own, known), own);
  const strong = withCompoundRelatives("smartphones", new Map([["phone", 1]]), known);
  assert.equal(strong?.get("phone"), 1);
});

Deno.test("the shipped word data: 'flatmate' relates to 'flat', 'smartphone' to 'phone'", async () => {
  const vectors = await WordVectors.shared();
  assert.equal(vectors.prepare("flatmate").related?.get("flat"), RELATIONAL_MODIFIER_RELATION);
  assert.equal(vectors.prepare("smartphone").related?.get("phone"), COMPOUND_HEAD_RELATION);
});

Deno.test("search: a compound finds the memory that says its words apart", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const store = async (content: string) =>
      (await fixture.memory.store(fixture.aria, input({ content }))).id;
    const flat = await store("I share a flat with my cousin Dario.");
    await store("My friend Lena lives in Berlin.");
    await store("I met my mate Tom for a pint.");
    await store("The flat upstairs has been empty since March.");
    const phone = await store("My phone is an iPhone 11.");
    await store("I am smart about money.");
    const search = (query: string) =>
      fixture.memory.search(fixture.aria, { query, n_results: 5, min_importance: 0 });
    assert.equal((await search("Who is my flatmate?"))[0]?.id, flat);
    assert.equal((await search("Which smartphone do I have?"))[0]?.id, phone);
  } finally {
    await fixture.close();
  }
});

Deno.test("a kinship compound is left to the kinship words: 'grandmother' does not match 'grand'", async () => {
  const vectors = await WordVectors.shared();
  assert.equal(vectors.prepare("grandmother").related?.has("grand"), false);
});
