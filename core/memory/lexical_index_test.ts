import assert from "node:assert/strict";
import { BM25_B, BM25_K1, idf, LexicalIndex, queryTerms, termScore } from "./lexical_index.ts";

const FIELDS = { importance: 0.5, memoryType: "conversation", visibility: "private" } as const;
const ALL = { minImportance: 0, visibilities: ["private", "shared", "public"] } as const;

function index(texts: Record<string, string>): LexicalIndex {
  const built = new LexicalIndex();
  for (const [id, text] of Object.entries(texts)) built.upsert(id, text, FIELDS);
  return built;
}

Deno.test("BM25 matches a hand-computed example (k1 1.2, b 0.75, Lucene idf)", () => {
  assert.equal(BM25_K1, 1.2);
  assert.equal(BM25_B, 0.75);
  // Terms after analysis: a = [cat, sat, mat] (3), b = [cat, cat, dog] (3), c = [dog, bark] (2).
  const docs = index({ a: "The cat sat on the mat", b: "cat, cat and dog", c: "dogs barking" });
  assert.equal(docs.averageLength, 8 / 3);
  // idf(cat) = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln(1.6)
  assert.ok(Math.abs(idf(3, 2) - Math.log(1.6)) < 1e-12);
  // b: tf 2, length 3: 2·2.2 / (2 + 1.2·(0.25 + 0.75·3/(8/3))) · ln(1.6)
  const norm = 1.2 * (0.25 + 0.75 * 3 / (8 / 3));
  const bScore = Math.log(1.6) * 2 * 2.2 / (2 + norm);
  assert.ok(
    Math.abs(termScore(2, { idf: Math.log(1.6), length: 3, averageLength: 8 / 3 }) - bScore) <
      1e-12,
  );
  // lexical = BM25 / Σ idf: one query term, so b scores bScore / ln(1.6), capped at 1.
  const query = { terms: queryTerms("cats") };
  assert.deepEqual(query.terms, ["cat"]);
  assert.equal(docs.lexical("b", query), Math.min(1, bScore / Math.log(1.6)));
  // "dog" and "bark": c holds both, b only the (equally rare) "dog".
  const hits = docs.search({ terms: queryTerms("a dog barks") }, 10, ALL);
  assert.deepEqual(hits.map((hit) => hit.id), ["c", "b"]);
  assert.ok(hits[1]!.lexical < 0.5 && hits[1]!.lexical > 0.2);
});

Deno.test("every query word counts, a rare word most; priors scale a term's weight", () => {
  const docs = index({
    common1: "We went to work and then we went home",
    common2: "Work was long today",
    common3: "Going to work early",
    rare: "Lyon is lovely in spring",
  });
  const [best] = docs.search({ terms: queryTerms("work in Lyon") }, 10, ALL);
  assert.equal(best!.id, "rare");
  // A prior of 0 on "lyon" leaves only "work" to decide.
  const weighted = docs.search({ terms: ["work", "lyon"], priors: [1, 0] }, 10, ALL);
  assert.notEqual(weighted[0]!.id, "rare");
  assert.deepEqual(docs.weights({ terms: ["work", "lyon"], priors: [1, 0.5] }), [
    idf(4, 3),
    idf(4, 1) * 0.5,
  ]);
});

Deno.test("statistics follow writes: upsert replaces, remove forgets, filters apply", () => {
  const docs = index({ a: "harbor ships", b: "harbor lights" });
  assert.equal(docs.documentFrequency("harbor"), 2);
  docs.upsert("a", "mountain air", FIELDS);
  assert.equal(docs.documentFrequency("harbor"), 1);
  assert.equal(docs.documentFrequency("ship"), 0);
  docs.remove("b");
  assert.equal(docs.size, 1);
  assert.equal(docs.documentFrequency("harbor"), 0);
  docs.upsert("c", "mountain path", { ...FIELDS, importance: 0.1, visibility: "shared" });
  const query = { terms: ["mountain"] };
  assert.deepEqual(docs.search(query, 10, { ...ALL, minImportance: 0.3 }).map((h) => h.id), ["a"]);
  assert.deepEqual(
    docs.search(query, 10, { minImportance: 0, visibilities: ["shared"] }).map((h) => h.id),
    ["c"],
  );
  docs.setFields("c", { importance: 0.9 });
  assert.equal(docs.search(query, 10, { ...ALL, minImportance: 0.3 }).length, 2);
});

Deno.test("a bulk load indexes exactly as one upsert per memory", () => {
  const texts = { a: "The cat sat on the mat", b: "cat, cat and dog", c: "dogs barking" };
  const loaded = new LexicalIndex();
  loaded.load(Object.entries(texts).map(([id, content]) => ({ id, content, fields: FIELDS })));
  const upserted = index(texts);
  const query = { terms: queryTerms("a barking dog and a cat") };
  assert.deepEqual(loaded.search(query, 10, ALL), upserted.search(query, 10, ALL));
  assert.equal(loaded.averageLength, upserted.averageLength);
  loaded.upsert("c", "mat", FIELDS);
  assert.equal(loaded.documentFrequency("dog"), 1);
  assert.equal(loaded.documentFrequency("mat"), 2);
});

Deno.test("search skips common terms' postings (MaxScore) yet returns exactly the best k", () => {
  let seed = 11;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  // A Zipf-like vocabulary: "w0" is in most memories, "w40" in a few.
  const word = () => `w${Math.floor(40 * random() ** 3)}x`;
  const docs = new LexicalIndex();
  const ids: string[] = [];
  for (let i = 0; i < 400; i++) {
    const id = `m${i}`;
    ids.push(id);
    const length = 3 + Math.floor(random() * 12);
    docs.upsert(id, Array.from({ length }, word).join(" "), FIELDS);
  }
  for (let round = 0; round < 60; round++) {
    const query = { terms: queryTerms(Array.from({ length: 1 + round % 4 }, word).join(" ")) };
    for (const k of [1, 5, 20]) {
      const expected = ids.map((id) => ({ id, lexical: docs.lexical(id, query) }))
        .filter((hit) => hit.lexical > 0)
        .sort((a, b) => b.lexical - a.lexical || Number(a.id.slice(1)) - Number(b.id.slice(1)))
        .slice(0, k);
      const found = docs.search(query, k, ALL);
      assert.deepEqual(
        found.map((hit) => hit.lexical.toFixed(12)),
        expected.map((hit) => hit.lexical.toFixed(12)),
        `query ${query.terms.join(" ")}, k ${k}`,
      );
    }
  }
});

Deno.test("a rare word in fewer than k memories and words in every one: exactly the best k, ties newest", () => {
  // The shape of a chat's recall over a memory of alike exchanges ("benchmark message 7"): the
  // rare word's memories, then the best of those that hold only the common words.
  const docs = new LexicalIndex();
  const ids: string[] = [];
  for (let i = 0; i < 300; i++) {
    const id = `m${i}`;
    ids.push(id);
    const extra = i % 7 === 0 ? " again and again" : "";
    docs.upsert(id, `benchmark message ${i % 30}${extra} answered in words`, FIELDS);
  }
  for (const text of ["benchmark message 7", "message 12 words", "benchmark answered again"]) {
    const query = { terms: queryTerms(text) };
    for (const k of [5, 10, 15, 40]) {
      // Of equal scores the later memories are kept (`lexical_ties_test.ts`), then listed in
      // the stable order, oldest first (`TopK.sortInPlace`): the order is compared too.
      const expected = ids.map((id) => ({ id, lexical: docs.lexical(id, query) }))
        .filter((hit) => hit.lexical > 0)
        .sort((a, b) => b.lexical - a.lexical || Number(b.id.slice(1)) - Number(a.id.slice(1)))
        .slice(0, k)
        .sort((a, b) => b.lexical - a.lexical || Number(a.id.slice(1)) - Number(b.id.slice(1)));
      const found = docs.search(query, k, ALL);
      assert.deepEqual(
        found.map((hit) => `${hit.id} ${hit.lexical.toFixed(12)}`),
        expected.map((hit) => `${hit.id} ${hit.lexical.toFixed(12)}`),
        `query ${text}, k ${k}`,
      );
    }
  }
});

Deno.test("a query prepared again is weighed afresh after every change of the index", () => {
  const texts: Record<string, string> = {
    a: "The cat sat on the mat",
    b: "cat, cat and dog",
    c: "dogs barking",
  };
  const docs = index(texts);
  const terms = ["cat", "dog", "bark", "unicorn"];
  const priors = [1, 0.5, 0.25, 1];
  const query = { terms, priors };
  /** What an index built from scratch with the same texts gives. */
  const fresh = (q: { terms: string[]; priors?: number[] }) => ({
    weights: index(texts).weights(q),
    hits: index(texts).search(q, 10, ALL),
  });
  const now = (q: { terms: string[]; priors?: number[] }) => ({
    weights: docs.weights(q),
    hits: docs.search(q, 10, ALL),
  });
  assert.deepEqual(now(query), fresh(query));
  assert.deepEqual(now(query), fresh(query), "asked again");
  // Each change moves document frequencies and the document count.
  texts.d = "a unicorn and a cat";
  docs.upsert("d", texts.d, FIELDS);
  assert.deepEqual(now(query), fresh(query), "after an insert");
  texts.b = "no pets here";
  docs.upsert("b", texts.b, FIELDS);
  assert.deepEqual(now(query), fresh(query), "after a rewrite");
  delete texts.c;
  docs.remove("c");
  assert.deepEqual(now(query), fresh(query), "after a removal");
  texts.e = "dog and cat and unicorn";
  docs.load([{ id: "e", content: texts.e, fields: FIELDS }]);
  assert.deepEqual(now(query), fresh(query), "after a load");
  // The same terms with other priors, without priors, or changed in place are other queries.
  assert.deepEqual(
    now({ terms, priors: [1, 1, 1, 0.1] }),
    fresh({ terms, priors: [1, 1, 1, 0.1] }),
  );
  assert.deepEqual(now({ terms }), fresh({ terms }));
  priors[0] = 3;
  assert.deepEqual(now(query), fresh(query), "priors changed in place");
  terms[1] = "mat";
  assert.deepEqual(now(query), fresh(query), "terms changed in place");
});

Deno.test("a frozen query (a remembered analysis) prepared again is weighed afresh after a change", () => {
  const docs = index({ a: "The cat sat on the mat", b: "cat, cat and dog" });
  const query = Object.freeze({
    terms: Object.freeze(["cat", "dog", "unicorn"]),
    priors: Object.freeze([1, 0.5, 1]),
  });
  const first = docs.weights(query);
  assert.deepEqual(docs.weights(query), first);
  docs.upsert("c", "a unicorn and a dog", FIELDS);
  const after = index({
    a: "The cat sat on the mat",
    b: "cat, cat and dog",
    c: "a unicorn and a dog",
  }).weights(query);
  assert.notDeepEqual(after, first);
  assert.deepEqual(docs.weights(query), after);
  // Equal lists that are not the same frozen ones are the same query too.
  assert.deepEqual(docs.weights({ terms: [...query.terms], priors: [...query.priors] }), after);
});

/** The index's store words a slip from "daughter" (its vocabulary remembers each lookup). */
const daughterSlips = (docs: LexicalIndex) =>
  docs.slips(["daughter"]).slips[0]!.map((slip) => `${slip.term}:${slip.documents}`);

// Every way a word comes into the index reaches the slips' memo (`store_vocabulary.ts`): each
// case looks up "daughter" before the write and after it.
Deno.test("slips: a memory stored after a lookup brings its words' slips", () => {
  const docs = index({ a: "my dauther plays the cello" });
  assert.deepEqual(daughterSlips(docs), ["dauther:1"]);
  docs.upsert("b", "the daugther of my friend is a nurse", FIELDS);
  assert.deepEqual(daughterSlips(docs), ["daugther:1", "dauther:1"]);
});

Deno.test("slips: a memory updated after a lookup brings its new words' slips, not its old", () => {
  const docs = index({ a: "my dauther plays the cello" });
  assert.deepEqual(daughterSlips(docs), ["dauther:1"]);
  docs.upsert("a", "my daugther plays the viola", FIELDS);
  assert.deepEqual(daughterSlips(docs), ["daugther:1"]);
});

Deno.test("slips: a memory deleted after a lookup takes its slips away, and they come back with it", () => {
  const docs = index({ a: "my dauther plays the cello", b: "a dauther of mine" });
  assert.deepEqual(daughterSlips(docs), ["dauther:2"]);
  docs.remove("a");
  assert.deepEqual(daughterSlips(docs), ["dauther:1"]);
  docs.remove("b");
  assert.deepEqual(daughterSlips(docs), []);
  docs.upsert("c", "my dauther again", FIELDS);
  assert.deepEqual(daughterSlips(docs), ["dauther:1"]);
});

Deno.test("slips: memories loaded in bulk after a lookup bring their slips, into an index empty or not", () => {
  const empty = new LexicalIndex();
  assert.deepEqual(daughterSlips(empty), []);
  empty.load([{ id: "a", content: "my dauther plays the cello", fields: FIELDS }]);
  assert.deepEqual(daughterSlips(empty), ["dauther:1"]);
  empty.load([{ id: "b", content: "the daugther of my friend", fields: FIELDS }]);
  assert.deepEqual(daughterSlips(empty), ["daugther:1", "dauther:1"]);
});

Deno.test("a batch loaded into a used index keeps each memory's own filter fields, slots reused", () => {
  const built = index({ old: "kestrel allotment", gone: "kestrel weir" });
  built.remove("gone");
  built.load([
    {
      id: "a",
      content: "kestrel heron",
      fields: { importance: 0.9, memoryType: "fact", visibility: "public" },
    },
    {
      id: "b",
      content: "kestrel otter",
      fields: { importance: 0.1, memoryType: "fact", visibility: "shared" },
    },
  ]);
  const found = (filter: Parameters<LexicalIndex["search"]>[2]) =>
    built.search({ terms: queryTerms("kestrel") }, 10, filter).map((hit) => hit.id).sort();
  assert.deepEqual(found(ALL), ["a", "b", "old"]);
  assert.deepEqual(found({ ...ALL, minImportance: 0.8 }), ["a"]);
  assert.deepEqual(found({ ...ALL, memoryType: "fact" }), ["a", "b"]);
  assert.deepEqual(found({ minImportance: 0, visibilities: ["shared"] }), ["b"]);
  assert.deepEqual(found({ minImportance: 0, visibilities: ["private"] }), ["old"]);
});
