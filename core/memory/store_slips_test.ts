import assert from "node:assert/strict";
import type { CandidateQuery, StoreSlips } from "./backend.ts";
import { idf } from "./bm25.ts";
import { EXPANSION_SLIP } from "./expansion_shares.ts";
import {
  slipAllowed,
  slipQueryWords,
  STORE_SLIPS_PER_QUERY,
  STORE_SLIPS_PER_WORD,
  withStoreSlips,
} from "./store_slips.ts";
import { SLIP_QUERY_WORDS } from "./meaning/stem_lookup.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { stem } from "./text.ts";

const vectorsOf = (words: WordVectors) => ({
  has: (word: string) => words.has(word),
  hasStem: (term: string) => words.unitOfStem(term) !== undefined || words.has(term),
});

Deno.test("slipAllowed: at least one word unknown to the vectors, both from five letters, no consonant replaced", async () => {
  const vectors = vectorsOf(await WordVectors.shared());
  const slip = (term: string, documents = 1, own = 0) => ({ term, documents, own });
  // Both known: two words, no slip ("form" is no "farm").
  assert.equal(slipAllowed("form", slip("farm"), vectors), false);
  // Known asked, unknown stored: a memory's slip ("daughter" / "dauther").
  assert.equal(slipAllowed("daughter", slip("dauther"), vectors), true);
  // A query's slip that is a word elsewhere, for a stored word the vectors lack.
  assert.equal(slipAllowed("choppy", slip(stem("chippy")), vectors), true);
  // Both unknown: five letters at least (names a letter apart are names).
  assert.equal(slipAllowed("dauther", slip("daugther"), vectors), true);
  assert.equal(slipAllowed("zorb", slip("zorbb"), vectors), false);
  assert.equal(slipAllowed("zorbak", slip("zorbek"), vectors), true);
  // One word known: no letter minimum ("roof", four letters, stored as "rooof").
  assert.equal(slipAllowed("roof", slip("rooof"), vectors), true);
  // Both unknown: five letters exactly are enough (UNKNOWN_PAIR_MIN_LETTERS), on the shorter side.
  assert.equal(slipAllowed("qwyxa", slip("qwyxau"), vectors), true);
  assert.equal(slipAllowed("qwyxau", slip("qwyxa"), vectors), true);
  // A consonant replaced is a word of its own ("user" / "uber").
  assert.equal(slipAllowed("user", slip("uber"), vectors), false);
  // An unknown word one edit from a function word is that word ("thier"), no slip of another.
  assert.equal(slipAllowed("thier", slip("thiery"), vectors), false, "asked");
  assert.equal(slipAllowed("thiery", slip("thier"), vectors), false, "stored");
  assert.equal(slipAllowed("thiery", slip("thieryy"), vectors), true, "neither");
});

Deno.test("slipAllowed: a word the persona writes stands only for a commoner stored word the vectors know", async () => {
  const vectors = vectorsOf(await WordVectors.shared());
  const exercise = stem("exercise");
  // "excercise" in one memory, "exercise" in three: the slip stands for it.
  assert.equal(slipAllowed("excercise", { term: exercise, documents: 3, own: 1 }, vectors), true);
  // Written in five, the word in one: the persona's own spelling (a name, say), no slip of it.
  assert.equal(slipAllowed("excercise", { term: exercise, documents: 1, own: 5 }, vectors), false);
  assert.equal(slipAllowed("excercise", { term: exercise, documents: 5, own: 5 }, vectors), false);
  // Not written by the persona at all: any such stored word.
  assert.equal(slipAllowed("excercise", { term: exercise, documents: 1, own: 0 }, vectors), true);
  // A stored word the vectors lack is a slip whatever its count ("dauther" in many).
  assert.equal(slipAllowed("daughter", { term: "dauther", documents: 9, own: 2 }, vectors), true);
});

Deno.test("slipQueryWords: content words of four letters or more, no frame word, no name, the first eight", () => {
  const query = (text: string) => {
    const terms = [...new Set(text.toLowerCase().match(/[a-z]+/g)!.map(stem))];
    return slipQueryWords(text, { terms, frames: new Set([stem("remember")]) });
  };
  assert.deepEqual(query("do you remember my dauther and the roof").map(([word]) => word), [
    "dauther",
    "roof",
  ]);
  assert.deepEqual(query("where does Lurdes work").map(([word]) => word), ["work"]);
  const many = query("alpha bravo charlie delta echo foxtrot golfs hotel india juliet");
  assert.equal(many.length, SLIP_QUERY_WORDS);
  assert.equal(many.at(-1)![0], "hotel");
});

Deno.test("slipQueryWords: a term looks up its slips once, and the words after it still do", () => {
  const text = "my dauther met the dauther of the roofer";
  const terms = [...new Set(text.match(/[a-z]+/g)!.map(stem))];
  const chosen = slipQueryWords(text, { terms, frames: new Set() });
  assert.deepEqual(chosen.map(([word]) => word), ["dauther", "roofer"]);
});

/** A backend whose lookup answers `slips` (the same for every word) over `documents` memories. */
function fakeBackend(found: (word: string) => Array<{ term: string; documents: number }>) {
  const asked: string[][] = [];
  return {
    asked,
    backend: {
      slips(_query: CandidateQuery, words: readonly string[]): Promise<StoreSlips> {
        asked.push([...words]);
        return Promise.resolve({
          documents: 100,
          own: words.map(() => 0),
          slips: words.map(found),
          clippings: words.map(() => []),
        });
      },
    },
  };
}

const QUERY = {} as CandidateQuery;

Deno.test("withStoreSlips: at most two store words a query word, six a query, the most held first", async () => {
  const vectors = { has: () => false, hasStem: () => false };
  const text = "zorbak quilma fendor yarrow kestle brimbo mardle";
  const terms = text.split(" ").map(stem);
  const expanded = { terms, priors: terms.map(() => 1), sources: terms.map((_, i) => i) };
  const { backend } = fakeBackend((word) =>
    ["a", "b", "c"].map((end, i) => ({ term: word + end, documents: 3 - i }))
  );
  const out = await withStoreSlips(expanded, {
    text,
    terms,
    frames: new Set(),
    candidateQuery: QUERY,
  }, { backend, vectors });
  const added = out.terms.slice(terms.length);
  assert.equal(added.length, STORE_SLIPS_PER_QUERY);
  assert.deepEqual(added, ["zorbaka", "zorbakb", "quilmaa", "quilmab", "fendora", "fendorb"]);
  assert.equal(STORE_SLIPS_PER_WORD, 2);
  assert.deepEqual(out.sources.slice(terms.length), [0, 0, 1, 1, 2, 2]);
});

Deno.test("withStoreSlips: a store word weighs at most EXPANSION_SLIP of its query word, never more", async () => {
  const vectors = { has: () => true, hasStem: () => false };
  const terms = [stem("daughter")];
  const expanded = { terms, priors: [0.5], sources: [0] };
  for (const [own, documents] of [[0, 1], [10, 1], [10, 40]] as Array<[number, number]>) {
    const backend = {
      slips: (_q: CandidateQuery, words: readonly string[]) =>
        Promise.resolve({
          documents: 100,
          own: words.map(() => own),
          slips: [[{ term: "dauther", documents }]],
          clippings: [[]],
        }),
    };
    const out = await withStoreSlips(expanded, {
      text: "my daughter",
      terms,
      frames: new Set(),
      candidateQuery: QUERY,
    }, { backend, vectors });
    const weight = (term: number, count: number) => out.priors[term]! * idf(100, count);
    const ownWeight = weight(0, own);
    assert.ok(
      weight(1, documents) <= EXPANSION_SLIP * ownWeight + 1e-12,
      `${own}/${documents}: ${weight(1, documents)} against ${ownWeight}`,
    );
    // Rarer than the word: exactly the share of its weight; commoner: the share of its prior.
    const expected = documents <= own
      ? EXPANSION_SLIP * ownWeight
      : EXPANSION_SLIP * 0.5 * idf(100, documents);
    assert.ok(Math.abs(weight(1, documents) - expected) < 1e-12);
  }
});

Deno.test("withStoreSlips: no lookup without a backend's, nor for a query of no such word", async () => {
  const vectors = { has: () => false, hasStem: () => false };
  const expanded = { terms: ["roof"], priors: [1], sources: [0] };
  const query = {
    text: "the roof",
    terms: ["roof"],
    frames: new Set<string>(),
    candidateQuery: QUERY,
  };
  assert.equal(await withStoreSlips(expanded, query, { backend: {}, vectors }), expanded);
  const { backend, asked } = fakeBackend(() => []);
  const short = { ...query, text: "the car", terms: ["car"] };
  assert.equal(
    await withStoreSlips({ ...expanded, terms: ["car"] }, short, { backend, vectors }).then((e) =>
      e.terms.length
    ),
    1,
  );
  assert.equal(asked.length, 0, "no word of four letters: no lookup");
});

Deno.test("withStoreSlips: a store word added once, none the query holds; its word's prior and source", async () => {
  const vectors = { has: () => false, hasStem: () => false };
  // "remember" is a frame word, asked for no slip: the asked words sit at 1 and 2.
  const text = "remember zorbak quilma";
  const terms = text.split(" ").map(stem);
  const expanded = { terms, priors: [1, 0.5, 0.25], sources: [0, 1, 2] };
  const { backend } = fakeBackend((word) =>
    word === terms[1]
      ? [{ term: "zorbek", documents: 2 }, { term: terms[2]!, documents: 2 }]
      : [{ term: "zorbek", documents: 2 }, { term: "quilmo", documents: 1 }]
  );
  const out = await withStoreSlips(expanded, {
    text,
    terms,
    frames: new Set([stem("remember")]),
    candidateQuery: QUERY,
  }, { backend, vectors });
  assert.deepEqual(out.terms.slice(terms.length), ["zorbek", "quilmo"]);
  assert.deepEqual(out.sources.slice(terms.length), [1, 2]);
  // Commoner than its word (which no memory holds): the whole share of the word's prior.
  assert.deepEqual(out.priors.slice(terms.length), [EXPANSION_SLIP * 0.5, EXPANSION_SLIP * 0.25]);
  // Slips found but none taken: the expansion itself comes back, not a copy.
  const none = fakeBackend(() => [{ term: terms[2]!, documents: 2 }]).backend;
  const same = await withStoreSlips(expanded, {
    text,
    terms,
    frames: new Set([stem("remember")]),
    candidateQuery: QUERY,
  }, { backend: none, vectors });
  assert.equal(same, expanded);
});

Deno.test("withStoreSlips: a store short form is given to find candidates, not added to the BM25 query", async () => {
  // "physio" held by 2 of 100 memories, "physiotherapy" by none: the short form is returned
  // apart (fix169, review46b M2), so it weighs nothing in the lexical score.
  const vectors = { has: (word: string) => word === "physiotherapy", hasStem: () => false };
  const terms = [stem("physiotherapy")];
  const backend = {
    slips: (_q: CandidateQuery, words: readonly string[]) =>
      Promise.resolve({
        documents: 100,
        own: words.map(() => 0),
        slips: [[]],
        clippings: [[{ term: "physio", documents: 2 }]],
      }),
  };
  const out = await withStoreSlips({ terms, priors: [0.5], sources: [0] }, {
    text: "when is my physiotherapy",
    terms,
    frames: new Set(),
    candidateQuery: QUERY,
  }, { backend, vectors });
  assert.deepEqual(out.terms, terms);
  assert.deepEqual(out.priors, [0.5]);
  assert.deepEqual(out.shortForms, ["physio"]);
});
