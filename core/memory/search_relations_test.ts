/**
 * Search finds memories through the words related to the query's: WordNet relatives, kinds of a
 * category, irregular forms, phrases and phrasal verbs said in one word, a GP for a family doctor.
 */
import assert from "node:assert/strict";
import { told, topHits, withSqlite } from "./testing/told_memories.ts";
import { ownTermsQuery } from "./testing/own_terms_query.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { focusFactors } from "./focus.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { DISTRACTORS } from "./testing/search_fixture.ts";

Deno.test("a memory that shares no word with the query is found through a WordNet relative", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    // "pal" and "friend": 0.19 apart in GloVe, but "friend" is pal's hypernym in WordNet.
    const friend = await fixture.memory.store(
      fixture.aria,
      input({ content: "My friend moved abroad last year." }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "Tell me about my pal",
      n_results: 3,
      min_importance: 0,
      explain: true,
    });
    assert.equal(hits[0]?.id, friend.id);
    assert.ok(hits[0]!.score_parts!.lexical > 0, "found by BM25 through the relative");
    assert.ok(hits[0]!.score_parts!.alignment! > 0, "and aligned with it");
  } finally {
    await fixture.close();
  }
});

Deno.test("lexical stays relative to the query's own terms when relatives join the BM25 query", async () => {
  await withSqlite(async (fixture) => {
    const [memory, exact] = await told(fixture, {
      background: DISTRACTORS,
      told: ["My injured friend took the ferry home.", "My friend told me about her injury."],
    });
    const query = "friend injury";
    const hits = await topHits(fixture, query, { n_results: 2, explain: true });
    const hit = hits.find((found) => found.id === memory);
    const ownQuery = await ownTermsQuery(fixture, query);
    // The query's own terms as search weighs them: focal words sharpened (`focus.ts`).
    const factors = focusFactors(
      query,
      ownQuery.terms,
      await fixture.backend.termWeights(ownQuery),
    );
    ownQuery.priors = ownQuery.priors.map((prior, i) => prior * factors[i]!);
    const [own, ownExact] = await fixture.backend.candidates(ownQuery).then((found) =>
      [memory, exact].map((id) => found.find((c) => c.record.id === id))
    );
    // "injured" is a relative of "injury" (a derived word): it adds to the query's own "friend".
    assert.ok(own!.lexical > 0 && own!.lexical < 1);
    assert.ok(hit!.score_parts!.lexical > own!.lexical + 0.01, `${hit!.score_parts!.lexical}`);
    // A memory with the query's own words and no relative keeps its lexical exactly.
    const exactHit = hits.find((found) => found.id === exact)!;
    assert.ok(Math.abs(exactHit.score_parts!.lexical - ownExact!.lexical) < 1e-4);
  });
});

Deno.test("an irregular form of a query word matches as the word itself", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    // Porter leaves "children" and "child", "eaten" and "eat" apart.
    const pairs = [
      ["The children play chess after school.", "The child plays chess after school."],
      ["We had eaten fish by the river.", "We will eat fish by the river."],
    ];
    const queries = [["child chess", "children chess"], ["eat fish", "eaten fish"]];
    for (const [i, [form, base]] of pairs.entries()) {
      const stored = [];
      for (const content of [form!, base!]) {
        stored.push(await fixture.memory.store(fixture.aria, input({ content })));
      }
      // Asked with either form, both memories match alike: the same lexical weight, aligned.
      for (const query of queries[i]!) {
        const hits = await fixture.memory.search(fixture.aria, {
          query,
          n_results: 2,
          min_importance: 0,
          explain: true,
        });
        assert.deepEqual(hits.map((hit) => hit.id).sort(), stored.map((m) => m.id).sort(), query);
        const [a, b] = hits.map((hit) => hit.score_parts!);
        assert.ok(
          Math.abs(a!.lexical - b!.lexical) < 1e-4,
          `${query}: ${a!.lexical} ${b!.lexical}`,
        );
        assert.ok(a!.lexical > 0.5);
        assert.equal(a!.alignment, b!.alignment, query);
      }
    }
  } finally {
    await fixture.close();
  }
});

Deno.test("a category question finds the memories naming kinds of it above looser matches", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const loose = [
      ...DISTRACTORS,
      "The user asked how to remember the names of people at parties.",
      "The user said their parents are visiting next week.",
      "We talked about favourite childhood games.",
      "I loved building sandcastles on the beach.",
      "My neighbour's garden is full of noisy birds.",
    ];
    for (const content of loose) await fixture.memory.store(fixture.aria, input({ content }));
    // "daughter" and "son" are kinds of child (WordNet hyponyms): they join the BM25 query at
    // EXPANSION_KIND of the query word's weight.
    const kinds = [];
    for (const content of ["My daughter Lucia started school.", "My son Noah loves dinosaurs."]) {
      kinds.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    }
    const hits = await fixture.memory.search(fixture.aria, {
      query: "Tell me about my children",
      n_results: 3,
      min_importance: 0,
      explain: true,
    });
    assert.deepEqual(hits.slice(0, 2).map((hit) => hit.id).sort(), kinds.sort());
    for (const hit of hits.slice(0, 2)) assert.ok(hit.score_parts!.lexical > 0, hit.content);
  } finally {
    await fixture.close();
  }
});

Deno.test("a phrase WordNet knows finds the memory that says it in one word", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const loose = [
      ...DISTRACTORS,
      "We got a new kettle for the kitchen.",
      "The user asked where to park near the station.",
      "Every year we lose track of time at the fair.",
      "It is the best time to plant tulips, the user said.",
    ];
    for (const content of loose) await fixture.memory.store(fixture.aria, input({ content }));
    const cases = [
      ["Where did we get hitched?", "We married in a small chapel by the sea."],
      ["Which time of year do I like best?", "My favourite season is autumn."],
    ];
    for (const [query, content] of cases) {
      const wanted = await fixture.memory.store(fixture.aria, input({ content }));
      const [first] = await fixture.memory.search(fixture.aria, {
        query: query!,
        n_results: 3,
        min_importance: 0,
      });
      assert.equal(first?.content, wanted.content, query);
    }
  } finally {
    await fixture.close();
  }
});

Deno.test("a family doctor is found as the user's GP; a doctor as 'Dr'", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const loose = [
      ...DISTRACTORS,
      "Our family always eats together on Sundays.",
      "My sister Ewa is a teacher in a secondary school.",
      "The out of hours clinic is in the hospital.",
    ];
    for (const content of loose) await fixture.memory.store(fixture.aria, input({ content }));
    const gp = await fixture.memory.store(
      fixture.aria,
      input({ content: "My GP is Dr O'Sullivan in Mulhuddart, a very good woman." }),
    );
    const [first] = await fixture.memory.search(fixture.aria, {
      query: "Who is my family doctor?",
      n_results: 3,
      min_importance: 0,
    });
    assert.equal(first?.content, gp.content);
  } finally {
    await fixture.close();
  }
});

Deno.test("a phrasal verb ('taken out') finds the memory that says it in one word ('removed')", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    await fixture.memory.store(fixture.aria, input({ content: "I take the bus to the surgery." }));
    await fixture.memory.store(fixture.aria, input({ content: "The organ in our church is old." }));
    const removed = await fixture.memory.store(
      fixture.aria,
      input({ content: "I had my tonsils removed when I was seven." }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "What organ was taken out during an operation?",
      n_results: 3,
      min_importance: 0,
      explain: true,
    });
    const hit = hits.find((found) => found.id === removed.id);
    assert.ok(hit, "found");
    assert.ok(hit.score_parts!.lexical > 0, "by BM25, through the verb's synonym");
  } finally {
    await fixture.close();
  }
});
