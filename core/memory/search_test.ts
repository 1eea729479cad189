import { OTHER_THING } from "./other_things.ts";
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { queryTerms } from "./lexical_index.ts";
import { frameTerms, queryTermFactor } from "./query.ts";
import { focusFactors } from "./focus.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { LocalEmbedder } from "./embedder.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

const DISTRACTORS = [
  "The ferry leaves at noon on Sundays.",
  "We talked about the price of train tickets.",
  "The user asked how to repot a cactus.",
  "It rained all weekend at the campsite.",
];

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
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  const embedder = new LocalEmbedder();
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const memory = await fixture.memory.store(
      fixture.aria,
      input({ content: "My injured friend took the ferry home." }),
    );
    const exact = await fixture.memory.store(
      fixture.aria,
      input({ content: "My friend told me about her injury." }),
    );
    const query = "friend injury";
    const hits = await fixture.memory.search(fixture.aria, {
      query,
      n_results: 2,
      min_importance: 0,
      explain: true,
    });
    const hit = hits.find((found) => found.id === memory.id);
    const words = await WordVectors.shared();
    const terms = queryTerms(query);
    const [vector] = await embedder.embed([query]);
    const ownQuery = {
      personaId: fixture.aria.id,
      othersVisibility: [],
      vector: vector!,
      embedder: embedder.id,
      terms,
      priors: terms.map((term) =>
        words.stemInformativeness(term) * queryTermFactor(term, frameTerms(query))
      ),
      minImportance: 0,
      limit: 10,
    };
    // The query's own terms as search weighs them: focal words sharpened (`focus.ts`).
    const factors = focusFactors(query, terms, await fixture.backend.termWeights(ownQuery));
    ownQuery.priors = ownQuery.priors.map((prior, i) => prior * factors[i]!);
    const [own, ownExact] = await fixture.backend.candidates(ownQuery).then((found) =>
      [memory.id, exact.id].map((id) => found.find((c) => c.record.id === id))
    );
    // "injured" is a relative of "injury" (a derived word): it adds to the query's own "friend".
    assert.ok(own!.lexical > 0 && own!.lexical < 1);
    assert.ok(hit!.score_parts!.lexical > own!.lexical + 0.01, `${hit!.score_parts!.lexical}`);
    // A memory with the query's own words and no relative keeps its lexical exactly.
    const exactHit = hits.find((found) => found.id === exact.id)!;
    assert.ok(Math.abs(exactHit.score_parts!.lexical - ownExact!.lexical) < 1e-4);
  } finally {
    await fixture.close();
  }
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

Deno.test("search prefers the persona's own voice for an I question; chat recall does not (the message's I is its sender's)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const mine = await fixture.memory.store(
      fixture.aria,
      input({ content: "I speak French, English and a little Arabic." }),
    );
    const theirs = await fixture.memory.store(
      fixture.aria,
      input({ content: "The user mentioned that their manager speaks five languages." }),
    );
    const query = "Which languages can I speak?";
    const hits = await fixture.memory.search(fixture.aria, {
      query,
      n_results: 2,
      min_importance: 0,
      explain: true,
    });
    assert.deepEqual(hits.map((hit) => hit.id), [mine.id, theirs.id]);
    assert.ok(hits[1]!.relevance > hits[0]!.relevance, "the other's remark matches more words");
    const recalled = await fixture.memory.recall(fixture.aria, query, { limit: 2 });
    assert.deepEqual(recalled.map((memory) => memory.id), [theirs.id, mine.id]);
    // A question about "me" with no "I" is in the asker's voice too.
    const asked = await fixture.memory.search(fixture.aria, {
      query: "Which languages does someone like me speak?",
      n_results: 2,
      min_importance: 0,
    });
    assert.deepEqual(asked.map((hit) => hit.id), [mine.id, theirs.id]);
  } finally {
    await fixture.close();
  }
});

Deno.test("a when question costs a memory that says no time ANSWER_TYPE of its score", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const timed = await fixture.memory.store(
      fixture.aria,
      input({ content: "We went to the lake in July." }),
    );
    const untimed = await fixture.memory.store(
      fixture.aria,
      input({ content: "We went to the lake with the children." }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "When did we go to the lake?",
      n_results: 2,
      min_importance: 0,
      explain: true,
    });
    const adjustment = (id: string) => hits.find((hit) => hit.id === id)!.score_parts!.adjustment;
    assert.equal(adjustment(timed.id), 1);
    assert.equal(adjustment(untimed.id), 0.9);
  } finally {
    await fixture.close();
  }
});

Deno.test("a wish costs INTENT of its score unless the question asks about wishes", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const fact = await fixture.memory.store(
      fixture.aria,
      input({ content: "I play the guitar on Sundays." }),
    );
    const wish = await fixture.memory.store(
      fixture.aria,
      input({ content: "I want to play the guitar in a band." }),
    );
    const adjustments = async (query: string) => {
      const hits = await fixture.memory.search(fixture.aria, {
        query,
        n_results: 2,
        min_importance: 0,
        explain: true,
      });
      return [fact.id, wish.id].map((id) =>
        hits.find((hit) => hit.id === id)!.score_parts!.adjustment
      );
    };
    assert.deepEqual(await adjustments("Do I play the guitar?"), [1, 0.9]);
    assert.deepEqual(await adjustments("Do I want to play the guitar?"), [1, 1]);
  } finally {
    await fixture.close();
  }
});

Deno.test("a prompt's recall counts an access only for the memories the prompt gets, not its spare hits", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const stored = [];
    for (const place of ["Lisbon", "Porto", "Seville", "Granada", "Valencia", "Bilbao"]) {
      stored.push(
        await fixture.memory.store(fixture.aria, input({ content: `We sailed to ${place}.` })),
      );
    }
    const recalled = await fixture.memory.recall(fixture.aria, "sailed", { limit: 2 });
    assert.equal(recalled.length, 2);
    const used = new Set(recalled.map((memory) => memory.id));
    for (const record of stored) {
      const { accessed_count } = await fixture.memory.get(record.id);
      assert.equal(accessed_count, used.has(record.id) ? 1 : 0, record.content);
    }
  } finally {
    await fixture.close();
  }
});

Deno.test("a question that names someone costs a memory holding no name of it UNNAMED, not for the persona's own name", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const named = await fixture.memory.store(
      fixture.aria,
      input({ content: "Our dog Biscuit hides under the bed during storms." }),
    );
    const other = await fixture.memory.store(
      fixture.aria,
      input({ content: "Mila is afraid of the dark." }),
    );
    const adjustments = async (query: string) => {
      const hits = await fixture.memory.search(fixture.aria, {
        query,
        n_results: 2,
        min_importance: 0,
        explain: true,
      });
      return [named.id, other.id].map((id) =>
        hits.find((hit) => hit.id === id)!.score_parts!.adjustment
      );
    };
    // Mila's line lacks Biscuit and is Mila's (named first): × 0.8 (UNNAMED) × 0.8 (NO_REFERENT).
    // Biscuit's line holds the name and nothing else asked ("afraid" nor a relative of it):
    // × 0.9 (OTHER_THING, other_things.ts), which every line of Biscuit's without "afraid" loses.
    assert.deepEqual(await adjustments("What is Biscuit afraid of?"), [1 - OTHER_THING, 0.64]);
    assert.equal(
      (await fixture.memory.search(fixture.aria, {
        query: "What is Biscuit afraid of?",
        n_results: 1,
        min_importance: 0,
      }))[0]!.id,
      named.id,
      "the memory of the one named first",
    );
    // The persona's own name is whom a message speaks to, not what it asks about.
    assert.deepEqual(await adjustments("Aria, what is afraid of storms or the dark?"), [1, 1]);
    assert.deepEqual(await adjustments("Is Aria afraid of storms or the dark?"), [1, 1]);
  } finally {
    await fixture.close();
  }
});

Deno.test("a question about now lets an unlinked update that matches it less come first", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const older = await fixture.memory.store(
      fixture.aria,
      input({ content: "I work as a software engineer at a company that builds farming robots." }),
    );
    fixture.clock.advance(60_000);
    const newer = await fixture.memory.store(
      fixture.aria,
      input({ content: "I left the robotics company and now teach mathematics at a school." }),
    );
    const first = async (query: string) =>
      (await fixture.memory.search(fixture.aria, { query, n_results: 2, min_importance: 0 }))[0]!
        .id;
    assert.equal(await first("Do I still work on farming robots?"), newer.id);
    // Not asked about now, and the change befalls no word asked ("robots" would: `changeOnQuery`).
    assert.equal(await first("Do I work as a software engineer?"), older.id, "not asked about now");
    assert.equal(
      await first("Do I work on farming robots?"),
      newer.id,
      "the change befalls robots",
    );
  } finally {
    await fixture.close();
  }
});

Deno.test("memory.search fills its list up to n_results; a chat prompt's recall keeps the bar", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const vegetarian = await fixture.memory.store(
      fixture.aria,
      input({ content: "I am vegetarian and have not eaten meat in years." }),
    );
    // No memory holds "pescatarian", a word the word vectors do not know: no match at all.
    const query = "Am I a pescatarian?";
    const hits = await fixture.memory.search(fixture.aria, {
      query,
      n_results: 3,
      min_importance: 0,
    });
    assert.equal(hits.length, 3, "the nearest memories, as many as asked");
    assert.ok(hits.some((hit) => hit.id === vegetarian.id));
    const explained = await fixture.memory.search(fixture.aria, {
      query,
      n_results: 3,
      min_importance: 0,
      explain: true,
    });
    assert.deepEqual(explained.map((hit) => hit.score_parts?.filler), [true, true, true]);
    for (const hit of hits) {
      // A filler matched nothing: it is no access (access counts protect from pruning).
      assert.equal((await fixture.memory.get(hit.id)).accessed_count, 0, hit.content);
    }
    const cross = await fixture.memory.searchCrossPersona(fixture.aria, {
      query,
      n_results: 2,
      min_importance: 0,
      include_shared: true,
      include_public: true,
    });
    assert.equal(cross.length, 2);
    assert.deepEqual(await fixture.memory.recall(fixture.aria, query, { limit: 3 }), []);
  } finally {
    await fixture.close();
  }
});

Deno.test("search: a question about the persona itself ranks its own fact above a relative's that shares the word (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const mine = await fixture.memory.store(
      fixture.aria,
      input({ content: "I listen to jazz in the evenings." }),
    );
    const daughter = await fixture.memory.store(
      fixture.aria,
      input({ content: "My daughter listens to pop music." }),
    );
    const ranked = async (query: string) =>
      (await fixture.memory.search(fixture.aria, { query, n_results: 3, min_importance: 0 }))
        .map((hit) => hit.id);
    assert.equal((await ranked("What music do I listen to?"))[0], mine.id);
    assert.equal((await ranked("What music does my daughter listen to?"))[0], daughter.id);
  } finally {
    await fixture.close();
  }
});
