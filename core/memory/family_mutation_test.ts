// Tests that kill mut58's surviving mutants of family_bridges.ts, family_word_reading.ts and
// owned_family.ts (core/memory/HISTORY.md, "Session 42 — mut58").
import assert from "node:assert/strict";
import type { Candidate, CandidateQuery } from "./backend.ts";
import { familyBridges } from "./family_bridges.ts";
import { askedFamilyOwner, isFamilyMember, ownerRelatives } from "./owned_family.ts";
import { bridgeQueryOf } from "./testing/bridge_fixture.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

/**
 * The lookups familyBridges makes for `text` when the query's own terms are `own`, and its
 * bridges when every lookup answers `found`.
 */
async function lookupsOf(text: string, own: readonly string[], found: Candidate[] = []) {
  const asked: CandidateQuery[] = [];
  const backend = {
    candidates: (query: CandidateQuery) => {
      asked.push(query);
      return Promise.resolve(found.map((one) => ({ ...one })));
    },
  };
  const bridges = await familyBridges(
    { text, own, candidateQuery: bridgeQueryOf(text, "aria") },
    backend,
  );
  return { bridges, asked };
}

Deno.test("familyBridges: no lookup when the owner or the family word is not among the query's own terms", async () => {
  const text = "what's Jonah's family like";
  assert.equal((await lookupsOf(text, ["jonah", "famili"])).asked.length, 1);
  // A part of a compound question whose terms hold no owner, or no family word.
  assert.equal((await lookupsOf(text, ["famili"])).asked.length, 0, "no owner");
  assert.equal((await lookupsOf(text, ["jonah"])).asked.length, 0, "no family word");
});

Deno.test("asksNoFamily: a family word before a mark is read as a family; 'with' makes only 'relations' dealings", () => {
  // A word after a comma is no head the family word modifies.
  assert.equal(askedFamilyOwner("how is Jonah's family, dog included"), "jonah");
  assert.equal(askedFamilyOwner("how's Jonah's family doctor"), undefined);
  // "family with": the family is with someone; "relations with": dealings.
  assert.equal(askedFamilyOwner("is Jonah's family with us at Christmas"), "jonah");
  assert.equal(askedFamilyOwner("how are Jonah's relations with his boss"), undefined);
});

Deno.test("isFamilyMember: a compound's bare word may be a kinship form only ('stepdaddy', 'stepmums')", () => {
  // "daddy" and "mums" are forms (`KIN_FORMS`), not query kin words.
  for (const word of ["stepdaddy", "stepmums", "grannyinlaw"]) {
    assert.ok(isFamilyMember(word), word);
  }
});

Deno.test("familyBridges: a line the lookup found with no lexical score gives no bridge", async () => {
  const text = "what's Jonah's family like";
  const line = (lexical: number): Candidate => {
    const record = sampleRecord({
      content: "Jonah's mum Pauline lives in Hull",
      persona_id: "aria",
    });
    return { record: { ...record, superseded_by: null }, similarity: 0, lexical };
  };
  const names = async (lexical: number) =>
    (await lookupsOf(text, ["jonah", "famili"], [line(lexical)])).bridges.map((one) => one.name);
  assert.deepEqual(await names(0.5), ["paulin"]);
  assert.deepEqual(await names(0), []);
  // Such a line, or another persona's, is passed over: the lines after it are read.
  const other = sampleRecord({ content: "Jonah's dad Ray is 70", persona_id: "kira" });
  const passed = await lookupsOf(text, ["jonah", "famili"], [
    line(0),
    { record: { ...other, superseded_by: null }, similarity: 0, lexical: 0.5 },
    line(0.5),
  ]);
  assert.deepEqual(passed.bridges.map((one) => one.name), ["paulin"]);
});

Deno.test("familyBridges: another owner's relative in a line is passed over; the owner's after it is read", async () => {
  const record = sampleRecord({
    content: "Maja's sister Anna met Jonah's mum Pauline",
    persona_id: "aria",
  });
  const { bridges } = await lookupsOf("what's Jonah's family like", ["jonah", "famili"], [
    { record: { ...record, superseded_by: null }, similarity: 0, lexical: 0.5 },
  ]);
  assert.deepEqual(bridges.map((one) => one.name), ["paulin"]);
});

Deno.test("askedFamilyOwner: a name before 'and' owns only a third person's family; a mark parts an owner from the word after it", () => {
  assert.equal(askedFamilyOwner("are Dev and his family ok"), "dev");
  assert.equal(askedFamilyOwner("are Dev and our family ok"), undefined);
  assert.equal(askedFamilyOwner("how is Jonah's whole family"), "jonah");
  assert.equal(askedFamilyOwner("whose is it: Jonah's, or family?"), undefined);
});

Deno.test("ownerRelatives: each of an owner's relatives once; a word between that is no member, or a relative unnamed, passed over", () => {
  const pairs = (text: string) => ownerRelatives(text).map(({ owner, name }) => `${owner}:${name}`);
  // Two of one owner's relatives, the same pair told twice.
  assert.deepEqual(pairs("Jonah's mum Pauline and Jonah's brother Aaron came"), [
    "jonah:paulin",
    "jonah:aaron",
  ]);
  assert.deepEqual(pairs("Jonah's mum Pauline rang. Jonah's mum Pauline is 70"), ["jonah:paulin"]);
  // A relative with no name, or a possessive between, then one with a name.
  assert.deepEqual(pairs("Jonah's mum is lovely and Jonah's brother Aaron is a plumber"), [
    "jonah:aaron",
  ]);
  assert.deepEqual(pairs("Jonah's boss's son Kai met Jonah's mum Pauline"), ["jonah:paulin"]);
  // A word between that is no member's: no relative; a comma after the owner's word: none.
  assert.deepEqual(pairs("Jonah's old friend Pauline rang"), []);
  assert.deepEqual(pairs("Jonah's boss, mum Pauline, rang"), []);
  // A possessive that ends the text.
  assert.deepEqual(pairs("I met Jonah's"), []);
});
