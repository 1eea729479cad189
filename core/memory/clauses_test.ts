import assert from "node:assert/strict";
import { CLAUSE_OPENERS, clauseWords, queryClauses, voiceByClause } from "./clauses.ts";
import { STEMS_ONLY, type WeightedWord } from "./meaning/alignment.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { adjustedAmong } from "./testing/adjusted_among.ts";
import { PERSPECTIVE } from "./text_factor_shares.ts";

const texts = (query: string) => queryClauses(query).map((clause) => clause.text);

Deno.test("a question splits into clauses where a part opens with a question word or an auxiliary", () => {
  assert.deepEqual(texts("Who is Marcus's internet provider, and how should we contact him?"), [
    "Who is Marcus's internet provider,",
    "how should we contact him?",
  ]);
  assert.deepEqual(texts("When is Pri's birthday and what car does she drive?"), [
    "When is Pri's birthday",
    "what car does she drive?",
  ]);
  assert.deepEqual(texts("Where do I live, and who owns our house?"), [
    "Where do I live,",
    "who owns our house?",
  ]);
  assert.ok(CLAUSE_OPENERS.has("does") && CLAUSE_OPENERS.has("which"));
});

Deno.test("bare parts and parts with no word of their own belong to the clause before them", () => {
  // One clause: no split at all.
  assert.deepEqual(texts("Maureen's books and puzzles"), []);
  assert.deepEqual(texts("What's coming up for me this year: the trip and the talk"), []);
  assert.deepEqual(texts("Who should I contact at the Hollis office, and how?"), []);
  assert.deepEqual(texts("what does Mo do every week, choir and the bookshop"), []);
  // A bare part after a second clause joins it.
  assert.deepEqual(texts("Who is my boss, and what do I play, guitar or drums?"), [
    "Who is my boss,",
    "what do I play, guitar or drums?",
  ]);
  assert.deepEqual([
    ...queryClauses("Who is my boss, and what do I play, guitar or drums?")[1]!.stems,
  ], [
    "plai",
    "guitar",
    "drum",
  ]);
});

function weighted(...words: string[]): WeightedWord[] {
  return words.map((word) => ({ word, weight: 1 }));
}

Deno.test("clause words: a clause's words that not every clause holds (types and classes by their word)", () => {
  const clauses = queryClauses("When is Pri's birthday and what car does Pri drive?");
  const words = weighted("pri", "birthday", "type what car", "drive");
  assert.deepEqual(clauseWords(clauses, words), [[1], [2, 3]]);
});

Deno.test("a memory takes the voice of the clause whose words it matches most", () => {
  const clauses = queryClauses(
    "Who is Marcus's internet provider, and how should we contact Marcus?",
  );
  const words = weighted("marcus", "internet", "provider", "contact");
  const voiceOf = voiceByClause(["other", "group"], { clauses, words, vectors: STEMS_ONLY });
  const record = (content: string) => sampleRecord({ id: content, content });
  assert.equal(voiceOf(record("Marcus changed his internet provider")), "other");
  assert.equal(voiceOf(record("Contact Marcus by email only")), "group");
  assert.equal(voiceOf(record("Marcus likes jazz")), undefined, "it matches no clause's own words");
});

Deno.test("each clause asks in its own voice: the group's 'we' of one clause costs no answer to the other", async () => {
  const [clauses, one] = await adjustedAmong([
    "The ferry leaves at noon on Sundays.",
    "It rained all weekend at the campsite.",
    "We ordered new headsets for the support desk.",
    "Last month Marcus moved his broadband from Fibrelink to Hyperoptic.",
    "The user said Marcus wants to be contacted by email only.",
  ], [
    "Which broadband provider does Marcus use, and how should we contact him?",
    "Which broadband provider does Marcus use that we should contact?",
  ]);
  // The provider answers the first clause, asked in no one's voice: nothing off.
  assert.equal(clauses![3], 1);
  // The contact answers the second, asked in the group's: a remark in no one's voice loses.
  assert.equal(clauses![4], 1 - PERSPECTIVE);
  // Asked as one clause, the group's voice judges both.
  assert.equal(one![3], 1 - PERSPECTIVE);
});
