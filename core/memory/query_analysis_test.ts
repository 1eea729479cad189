import assert from "node:assert/strict";
import { analysedQuery, analyseQuery, QUERY_MEMO_LIMIT } from "./query_analysis.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { expandQuery, queryPhrases } from "./expansion.ts";
import { queryTerms } from "./lexical_index.ts";
import {
  answerType,
  asksCurrent,
  frameTerms,
  placeWordNames,
  queryNames,
  queryTermFactor,
  queryVoice,
} from "./query.ts";
import { asksIntent } from "./intent.ts";
import { askedTypes } from "./meaning/answer_types.ts";
import { words as words_ } from "./text.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

const QUERY = "Where did my friend go on holiday at this time of year?";

Deno.test("a query's analysis is what the functions it stands for give", async () => {
  const words = await WordVectors.shared();
  const terms = queryTerms(QUERY);
  const frames = frameTerms(QUERY);
  const priors = terms.map((term) =>
    words.stemInformativeness(term) * queryTermFactor(term, frames)
  );
  const phrases = queryPhrases(QUERY, words);
  assert.ok(phrases.length > 0, "the query has a WordNet phrase");
  const analysed = analysedQuery(QUERY, words, { expand: true });
  assert.deepEqual(analysed, {
    terms,
    frames,
    priors,
    phrases,
    expanded: expandQuery({ terms, priors, phrases, frames }, words),
    wanted: answerType(QUERY, words),
    types: askedTypes(words_(QUERY)),
    voice: queryVoice(QUERY),
    asksIntent: asksIntent(QUERY),
    asksCurrent: asksCurrent(QUERY),
    names: queryNames(QUERY, (word) => words.isPlace(word)),
    placeWordNames: placeWordNames(
      QUERY,
      (word) => words.isPlace(word) && !words.isNamedPlace(word),
    ),
  });
  assert.ok(analysed.expanded.terms.length > terms.length, "expanded");
  assert.deepEqual(analysedQuery(QUERY, words, { expand: false }), {
    terms,
    frames,
    priors,
    phrases: [],
    expanded: { terms, priors, sources: terms.map((_, i) => i) },
    wanted: "place",
    types: [],
    voice: "self",
    asksIntent: false,
    asksCurrent: false,
    names: [],
    placeWordNames: [],
  });
  assert.equal(analysedQuery("What do I plan to learn?", words, { expand: true }).asksIntent, true);
  assert.equal(analysedQuery("Who reminded me?", words, { expand: true }).voice, "self");
  assert.equal(analysedQuery("Do I still cycle?", words, { expand: true }).asksCurrent, true);
  assert.deepEqual(analysedQuery("Is Biscuit fed?", words, { expand: true }).names, ["biscuit"]);
  assert.deepEqual(analysedQuery("Which pets do we keep?", words, { expand: true }).types, [
    { word: "pets", type: "animal" },
  ]);
});

Deno.test("a query's analysis is remembered by text, per word data and expansion", async () => {
  const words = await WordVectors.shared();
  const first = analysedQuery(QUERY, words, { expand: true });
  assert.equal(analysedQuery(QUERY, words, { expand: true }), first, "the same analysis again");
  assert.notEqual(analysedQuery(QUERY, words, { expand: false }), first);
  assert.notEqual(analysedQuery(`${QUERY} `, words, { expand: true }), first);
  // Other word data (without WordNet's relations) analyses afresh, and differently.
  const other = await WordVectors.vectorsOnly();
  const elsewhere = analysedQuery(QUERY, other, { expand: true });
  assert.notEqual(elsewhere, first);
  assert.deepEqual(elsewhere, analyseQuery(QUERY, other, { expand: true }));
  assert.ok(elsewhere.expanded.terms.length < first.expanded.terms.length);
});

Deno.test("a remembered analysis cannot be changed by the search that gets it", async () => {
  const words = await WordVectors.shared();
  const analysed = analysedQuery(QUERY, words, { expand: true });
  const mutable = analysed as unknown as {
    terms: string[];
    priors: number[];
    expanded: { terms: string[] };
    phrases: Array<{ terms: string[] }>;
  };
  assert.throws(() => mutable.terms.push("x"), TypeError);
  assert.throws(() => mutable.priors[0] = 0, TypeError);
  assert.throws(() => mutable.expanded.terms.push("x"), TypeError);
  assert.throws(() => mutable.phrases[0]!.terms.push("x"), TypeError);
  assert.throws(() => mutable.phrases.pop(), TypeError);
  assert.deepEqual(analysed, analyseQuery(QUERY, words, { expand: true }));
});

Deno.test("past QUERY_MEMO_LIMIT texts the least recently asked is forgotten", async () => {
  const words = await WordVectors.shared();
  const old = analysedQuery("the oldest question", words, { expand: true });
  const kept = analysedQuery("a question asked again", words, { expand: true });
  const first = analysedQuery("question number 0", words, { expand: true });
  for (let i = 1; i < QUERY_MEMO_LIMIT - 2; i++) {
    analysedQuery(`question number ${i}`, words, { expand: true });
  }
  // Asked again: now the most recent, so two new texts forget the oldest and then the next
  // oldest ("question number 0"), not it (first in, first out would forget it second).
  assert.equal(analysedQuery("a question asked again", words, { expand: true }), kept);
  analysedQuery("one more question", words, { expand: true });
  analysedQuery("and another one", words, { expand: true });
  assert.equal(analysedQuery("a question asked again", words, { expand: true }), kept);
  assert.notEqual(analysedQuery("question number 0", words, { expand: true }), first);
  assert.notEqual(analysedQuery("the oldest question", words, { expand: true }), old);
});

Deno.test("a search with a remembered query finds what a fresh analysis finds", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (
      const content of [
        "My pal Ines moved to Lisbon in spring.",
        "We went to the coast on holiday last summer.",
        "The user asked how to repot a cactus.",
      ]
    ) await fixture.memory.store(fixture.aria, input({ content }));
    const params = {
      query: "Where did my friend go on vacation?",
      n_results: 3,
      min_importance: 0,
    };
    const words = await WordVectors.shared();
    const fresh = analyseQuery(params.query, words, { expand: true });
    const first = await fixture.memory.search(fixture.aria, { ...params, explain: true });
    assert.ok(first.length > 0);
    const second = await fixture.memory.search(fixture.aria, { ...params, explain: true });
    // Only the access counts move between the two searches.
    const scores = (hits: typeof first) =>
      hits.map(({ id, score, score_parts }) => ({ id, score, score_parts }));
    assert.deepEqual(scores(second), scores(first));
    assert.deepEqual(analysedQuery(params.query, words, { expand: true }), fresh);
  } finally {
    await fixture.close();
  }
});

Deno.test("each expanded term names the query term it stands for (focal weighting follows it)", async () => {
  const words = await WordVectors.shared();
  const analysed = analyseQuery("my children and my dog", words, { expand: true });
  const { terms, priors, expanded } = analysed;
  assert.equal(expanded.sources.length, expanded.terms.length);
  terms.forEach((_, i) => assert.equal(expanded.sources[i], i));
  const child = terms.indexOf("children") >= 0 ? terms.indexOf("children") : 0;
  const fromChild = expanded.terms.filter((_, i) =>
    i >= terms.length && expanded.sources[i] === child
  );
  assert.ok(fromChild.includes("child"), `${fromChild}`);
  expanded.sources.forEach((source, i) => {
    if (i < terms.length || source < 0) return;
    // A relative never weighs more than the term it stands for.
    assert.ok(expanded.priors[i]! <= priors[source]! + 1e-12, expanded.terms[i]);
  });
  // Without expansion every term stands for itself.
  const plain = analyseQuery("my children and my dog", words, { expand: false });
  assert.deepEqual(plain.expanded.sources, plain.terms.map((_, i) => i));
});
