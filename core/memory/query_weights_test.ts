import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { LocalEmbedder } from "./embedder.ts";
import { QueryWeights } from "./query_weights.ts";
import type { CandidateQuery } from "./backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** A SQLite backend that counts the term weighings asked of it. */
class CountingBackend extends SqliteBackend {
  weighings: Array<readonly string[]> = [];

  override termWeights(query: CandidateQuery): Promise<number[]> {
    this.weighings.push(query.terms);
    return super.termWeights(query);
  }
}

const CONTENTS = [
  "My friend moved abroad last year.",
  "My injured friend took the ferry home.",
  "The ferry leaves at noon on Sundays.",
  "We talked about the price of train tickets.",
  "My sister Ana plays the cello.",
];

Deno.test("QueryWeights answers the backend's own weights to the bit, the idfs read once", async () => {
  const fixture = await memoryFixture((db) => new CountingBackend(db as SqliteDatabase));
  const backend = fixture.backend as CountingBackend;
  try {
    for (const content of CONTENTS) await fixture.memory.store(fixture.aria, input({ content }));
    const [vector] = await new LocalEmbedder().embed(["friend ferry"]);
    const query: CandidateQuery = {
      personaId: fixture.aria.id,
      othersVisibility: [],
      vector: vector!,
      embedder: new LocalEmbedder().id,
      terms: ["friend", "ferri", "pal", "boat", "absent"],
      priors: [0.9, 0.7, 0.3, 0.2, 0.5],
      minImportance: 0,
      limit: 10,
    };
    const weights = new QueryWeights(backend, query);
    // Priors whose product with an idf must match the backend's: thirds, sevenths, a product of factors.
    const asked = [
      query,
      { ...query, terms: ["friend", "ferri"], priors: [0.9 * (1 / 3), 0.7 * (3 / 7)] },
      { ...query, terms: ["boat", "friend"], priors: undefined },
      { ...query, terms: ["absent", "pal"], priors: [1 / 3, 0.1 + 0.2] },
    ];
    const shared: number[][] = [];
    for (const one of asked) shared.push(await weights.termWeights(one));
    assert.deepEqual(backend.weighings, [query.terms], "the backend is asked once");
    for (const [at, one] of asked.entries()) {
      const own = await backend.termWeights(one);
      assert.equal(shared[at]!.length, own.length);
      own.forEach((weight, i) => assert.ok(Object.is(shared[at]![i], weight), one.terms[i]));
    }
    // Terms it was not made for are the backend's to weigh.
    backend.weighings = [];
    await weights.termWeights({ ...query, terms: ["friend", "cello"] });
    assert.deepEqual(backend.weighings, [["friend", "cello"]]);
  } finally {
    await fixture.close();
  }
});

Deno.test("a search asks the backend for term weights three times: its own terms, its expanded query, the compared memories' words", async () => {
  const fixture = await memoryFixture((db) => new CountingBackend(db as SqliteDatabase));
  const backend = fixture.backend as CountingBackend;
  try {
    for (const content of CONTENTS) await fixture.memory.store(fixture.aria, input({ content }));
    backend.weighings = [];
    // Several terms (focal words), WordNet relatives (rescaled BM25), alignment, subjects.
    const hits = await fixture.memory.search(fixture.aria, {
      query: "Where did my injured pal go by ferry?",
      n_results: 3,
      min_importance: 0,
    });
    assert.ok(hits.length > 0);
    // Before: focal words, rescaling, alignment and the compared memories' words.
    assert.equal(backend.weighings.length, 3, JSON.stringify(backend.weighings));
    assert.deepEqual(backend.weighings[0], ["injur", "pal", "go", "ferri"]);
  } finally {
    await fixture.close();
  }
});

/** A SQLite backend that keeps the `search` of every candidates and term-weights query. */
class SearchesSeen extends SqliteBackend {
  seen: Array<{ call: string; search: object | undefined }> = [];

  override candidates(query: CandidateQuery) {
    this.seen.push({ call: "candidates", search: query.search });
    return super.candidates(query);
  }

  override termWeights(query: CandidateQuery): Promise<number[]> {
    this.seen.push({ call: "termWeights", search: query.search });
    return super.termWeights(query);
  }
}

Deno.test("a search hands one search object to all its backend calls, and the next search another", async () => {
  const fixture = await memoryFixture((db) => new SearchesSeen(db as SqliteDatabase));
  const backend = fixture.backend as SearchesSeen;
  try {
    for (const content of CONTENTS) await fixture.memory.store(fixture.aria, input({ content }));
    const searched = async () => {
      backend.seen = [];
      await fixture.memory.search(fixture.aria, {
        query: "Where did my injured pal go by ferry?",
        n_results: 3,
        min_importance: 0,
      });
      return backend.seen;
    };
    const first = await searched();
    assert.ok(first.some(({ call }) => call === "candidates"));
    assert.ok(first.some(({ call }) => call === "termWeights"));
    const search = first[0]!.search;
    assert.ok(search !== undefined);
    for (const { call, search: one } of first) assert.equal(one, search, call);
    const second = await searched();
    assert.notEqual(second[0]!.search, search);
  } finally {
    await fixture.close();
  }
});
