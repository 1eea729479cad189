import assert from "node:assert/strict";
import { KIN_MEMBER_SIMILARITY, KIN_OTHER_SIMILARITY, kinTerm } from "./kin_terms.ts";
import { KIND_SIMILARITY } from "./word_relations.ts";
import { WordVectors } from "./word_vectors.ts";
import { ALIGNMENT_FULL, highestCosine, preparedSimilarity } from "./alignment.ts";
import { stem } from "../text.ts";
import { expandQuery } from "../expansion.ts";
import { EXPANSION_KIND } from "../expansion_shares.ts";
import { input, memoryFixture } from "../testing/contract_fixture.ts";
import { SqliteBackend } from "../sqlite_backend.ts";
import type { SqliteDatabase } from "../../storage/mod.ts";

const term = (word: string) => kinTerm(stem(word));

Deno.test("the documented constant: another relative is a kind", () => {
  assert.equal(KIN_OTHER_SIMILARITY, KIND_SIMILARITY);
  assert.equal(KIN_OTHER_SIMILARITY, 0.45);
});

Deno.test("a kinship word's own meaning: its forms, its synonyms, a class word's members", () => {
  for (const word of ["mother", "mum", "mom", "mothers"]) {
    assert.ok(term("mother")!.same.has(stem(word)), word);
  }
  for (const word of ["brother", "brothers", "sister", "sisters", "sibling"]) {
    assert.ok(term("siblings")!.same.has(stem(word)), word);
  }
  for (const word of ["mother", "mum", "dad", "father"]) {
    assert.ok(term("parents")!.same.has(stem(word)), word);
  }
  assert.ok(term("grandparents")!.same.has(stem("granny")));
  assert.ok(term("spouse")!.same.has(stem("wife")));
  // Every other kinship word is another meaning.
  assert.ok(term("sister")!.others.has(stem("brother")));
  assert.ok(term("brother")!.others.has(stem("sisters")));
  assert.ok(term("siblings")!.others.has(stem("daughter")));
  assert.ok(!term("siblings")!.others.has(stem("brother")));
  // Children and kids take sons and daughters as near members, not in full (recall set 4).
  assert.ok(term("children")!.same.has(stem("kids")));
  assert.ok(!term("children")!.same.has(stem("daughter")));
  assert.ok(!term("children")!.others.has(stem("daughter")));
  assert.ok(term("kids")!.near.has(stem("sons")));
  assert.ok(term("kids")!.others.has(stem("cousin")));
  // "relatives" has every kinship word as a near member, and is no kinship word of theirs.
  for (const word of ["brother", "mum", "cousin", "grandchildren"]) {
    assert.ok(term("relatives")!.near.has(stem(word)), word);
  }
  assert.ok(!term("brother")!.others.has(stem("relatives")));
  // Not kinship terms: every relative answers them by their vectors.
  for (const word of ["family", "relation", "friend", "doctor"]) {
    assert.equal(term(word), undefined, word);
  }
});

Deno.test("alignment: a class word's near member counts less than the word, more than a relative", async () => {
  const words = await WordVectors.shared();
  const similarity = (a: string, b: string) =>
    preparedSimilarity(words.prepare(a), words.prepare(b));
  assert.ok(KIN_MEMBER_SIMILARITY > KIN_OTHER_SIMILARITY && KIN_MEMBER_SIMILARITY < 1);
  // A near member counts its strength, more when the vectors confirm it ("kids" and "son" are
  // near: `confirmed` in `word_similarity.ts`), never a full match.
  assert.ok(similarity("kids", "son") > KIN_MEMBER_SIMILARITY);
  assert.ok(similarity("kids", "son") < ALIGNMENT_FULL);
  assert.equal(similarity("kids", "cousin"), KIN_OTHER_SIMILARITY);
  assert.equal(similarity("kids", "kid"), 1);
  assert.ok(similarity("relatives", "brother") >= KIN_MEMBER_SIMILARITY);
  // Through a memory's word table too (alignment's inner loop).
  const kids = { word: "kids", weight: 1 };
  const memory = words.contentWords("My son Noah is obsessed with dinosaurs.");
  assert.equal(highestCosine(kids, words, memory), similarity("kids", "son"));
});

/** Runs `body` with a store and a search (ids, best first) on a fresh SQLite memory service. */
async function withMemories(
  body: (
    store: (content: string) => Promise<string>,
    search: (query: string, count: number) => Promise<string[]>,
  ) => Promise<void>,
) {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    await body(
      async (content) => (await fixture.memory.store(fixture.aria, input({ content }))).id,
      async (query, count) =>
        (await fixture.memory.search(fixture.aria, { query, n_results: count, min_importance: 0 }))
          .map((hit) => hit.id),
    );
  } finally {
    await fixture.close();
  }
}

Deno.test("search: 'my kids' ranks a son's and a daughter's memories above other relatives'", async () => {
  await withMemories(async (store, search) => {
    const son = await store("My son Noah is obsessed with dinosaurs.");
    const daughter = await store("My daughter Lucia started primary school this autumn.");
    await store("My cousin Ines is getting married in Lisbon in June.");
    await store("My brother Karim owns a bicycle repair shop in Marseille.");
    await store("My uncle Rafael runs a small vineyard near Bordeaux.");
    await store("The ferry leaves at noon on Sundays.");
    const hits = await search("Tell me about my kids", 2);
    assert.deepEqual(new Set(hits), new Set([son, daughter]));
  });
});

Deno.test("alignment: another relative matches as a kind, a class word's member in full", async () => {
  const words = await WordVectors.shared();
  const similarity = (a: string, b: string) =>
    preparedSimilarity(words.prepare(a), words.prepare(b));
  // The vectors alone put these at 0.6 to 0.8: a full match.
  assert.equal(similarity("sister", "brother"), KIN_OTHER_SIMILARITY);
  assert.equal(similarity("uncle", "cousin"), KIN_OTHER_SIMILARITY);
  assert.equal(similarity("siblings", "daughter"), KIN_OTHER_SIMILARITY);
  // Their own meaning in full (the vectors alone: "siblings" and "brother" 0.54).
  assert.equal(similarity("siblings", "brother"), 1);
  assert.equal(similarity("mum", "mother"), 1);
  assert.equal(similarity("grandparents", "grandpa"), 1);
  // A memory word of no kinship keeps its vectors' cosine.
  assert.ok(similarity("sister", "nurse") < KIN_OTHER_SIMILARITY + 0.3);
  // The same through a memory's word table (alignment's inner loop).
  const sister = { word: "sister", weight: 1 };
  const memory = words.contentWords("My brother Karim owns a bicycle repair shop in Marseille.");
  assert.equal(highestCosine(sister, words, memory), KIN_OTHER_SIMILARITY);
  const siblings = { word: "siblings", weight: 1 };
  assert.equal(highestCosine(siblings, words, memory), 1);
});

Deno.test("search: a class question ranks its members' memories above other relatives'", async () => {
  await withMemories(async (store, search) => {
    const brother = await store("My brother Karim owns a bicycle repair shop in Marseille.");
    const daughter = await store("My daughter Lucia started primary school this autumn.");
    const cousin = await store("My cousin Ines teaches yoga in Lisbon.");
    const grandmother = await store("My grandmother taught me to bake bread when I was seven.");
    for (
      const content of [
        "The ferry leaves at noon on Sundays.",
        "This year the garden gave us far too many tomatoes.",
        "I bought a second-hand piano for the living room.",
      ]
    ) await store(content);
    // By their vectors alone "siblings" is nearer "daughter" (0.63) than "brother" (0.54).
    const siblings = await search("Tell me about my siblings", 4);
    assert.equal(siblings[0], brother);
    assert.ok([daughter, cousin, grandmother].every((id) => siblings.indexOf(id) > 0));
  });
});

Deno.test("a kinship class word's members join its BM25 expansion as kinds (WordNet has none for siblings)", async () => {
  const words = await WordVectors.shared();
  const siblings = stem("siblings");
  const related = words.related(siblings)!;
  assert.equal(related.get(stem("brother")), KIND_SIMILARITY);
  assert.equal(related.get(stem("sister")), KIND_SIMILARITY);
  const expanded = expandQuery({ terms: [siblings], priors: [1] }, words);
  const at = expanded.terms.indexOf(stem("brother"));
  assert.ok(at > 0);
  assert.equal(expanded.sources[at], 0);
  assert.equal(expanded.priors[at], EXPANSION_KIND * words.stemInformativeness(stem("brother")));
  // Not a class word: its relations as WordNet gives them.
  assert.equal(words.related(stem("brother"))?.get(stem("sister")), undefined);
});
