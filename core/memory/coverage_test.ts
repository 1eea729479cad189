import assert from "node:assert/strict";
import {
  ASPECT_COMPLETENESS,
  ASPECT_FLOOR,
  ASPECT_LEAST,
  ASPECT_MIN_POOL,
  ASPECT_OWN,
  ASPECT_POOL_PER_HIT,
  ASPECT_SHOWN_EXTRA,
  byCoverage,
  coveragePool,
  type Covered,
  queryAspects,
} from "./coverage.ts";
import { STEMS_ONLY, type WeightedWord, type WordMeanings } from "./meaning/alignment.ts";
import { bestMatches } from "./meaning/best_matches.ts";
import { alignedWordsKey, queryAligner } from "./meaning/query_aligner.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { coveredHit, reordered, weighted } from "./testing/coverage_hits.ts";
import { nudge } from "./ranking.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

const hit = coveredHit;
const QUERY = "holiday traditions around Christmas and New Year";
const WORDS = weighted("holiday", "traditions", "christmas", "new", "year");

function reorder(ranked: Covered[], limit = 10): string[] {
  return reordered({ text: QUERY, words: WORDS }, ranked, limit);
}

Deno.test("the documented constants", () => {
  assert.equal(ASPECT_COMPLETENESS, 4);
  assert.equal(ASPECT_LEAST, 0.3);
  assert.equal(ASPECT_OWN, 0.85);
  assert.equal(ASPECT_SHOWN_EXTRA, 1);
  assert.equal(ASPECT_FLOOR, 0.25);
  assert.equal(coveragePool(5), ASPECT_MIN_POOL);
  assert.equal(coveragePool(50), 50 * ASPECT_POOL_PER_HIT);
});

Deno.test("a query is split into aspects at and, or, commas and semicolons; shared words are context", () => {
  assert.deepEqual(queryAspects(QUERY, WORDS), [[0, 1, 2], [3, 4]]);
  // "work" in one part only stays with it; "mother" is in both parts: context.
  const words = weighted("mother", "sister", "brother", "work");
  assert.deepEqual(queryAspects("my mother's sister, or my mother's brother at work", words), [
    [1],
    [2, 3],
  ]);
  assert.deepEqual(
    queryAspects("pills I take; allergies", weighted("pills", "take", "allergies")),
    [
      [0, 1],
      [2],
    ],
  );
  // One part, or parts with nothing of their own: no aspects.
  assert.deepEqual(queryAspects("What pets do I keep?", weighted("pets", "keep")), []);
  assert.deepEqual(queryAspects("pets and pets", weighted("pets")), []);
  // "and" inside a word is no conjunction.
  assert.deepEqual(queryAspects("sandy brandy", weighted("sandy", "brandy")), []);
});

Deno.test("an aspect none of the first hits answers gets its best answer right after the first hit", () => {
  const ranked = [
    hit("Our christmas holiday traditions", 0.6),
    hit("The christmas lights in town", 0.5),
    hit("A holiday next year", 0.4),
    hit("A christmas tree", 0.35),
    hit("Unrelated", 0.3),
    hit("I watch a film every new year's day", 0.2),
  ];
  assert.deepEqual(reorder(ranked), [
    "Our christmas holiday traditions",
    "I watch a film every new year's day",
    "The christmas lights in town",
    "A holiday next year",
    "A christmas tree",
    "Unrelated",
  ]);
  assert.equal(reorder(ranked, 3).length, 3, "cut to the wanted hits after");
});

/** Three hits that answer the first aspect only. */
function christmasFirst(): Covered[] {
  return [
    hit("Our christmas holiday traditions", 0.6),
    hit("The christmas lights in town", 0.5),
    hit("A christmas tree", 0.4),
  ];
}

/** `QUERY`'s words with "new" and "year" weighed `newWeight` and `yearWeight`. */
function yearWeighted(newWeight: number, yearWeight: number): WeightedWord[] {
  return [
    ...weighted("holiday", "traditions", "christmas"),
    { word: "new", weight: newWeight },
    { word: "year", weight: yearWeight },
  ];
}

/** `ranked` reordered for `QUERY` with these `words`. */
function reorderWith(words: WeightedWord[], ranked: Covered[]): string[] {
  const aspects = queryAspects(QUERY, words);
  return byCoverage(ranked, { words, vectors: STEMS_ONLY, aspects, limit: 10 })
    .map((item) => item.record.content);
}

Deno.test("an aspect nothing answers in full gets its most complete answer, from ASPECT_LEAST of it", () => {
  const ranked = [
    ...christmasFirst(),
    hit("Another christmas", 0.35),
    hit("Once a year we swim in the sea", 0.3),
  ];
  // "year" is a third of the aspect: no memory says more of it, so this one is its answer.
  assert.equal(reorderWith(yearWeighted(2, 1), ranked)[1], "Once a year we swim in the sea");
  // A quarter of it is no answer.
  assert.deepEqual(
    reorderWith(yearWeighted(3, 1), ranked),
    ranked.map((item) => item.record.content),
  );
});

Deno.test("the most complete answer wins over a better-scored partial one", () => {
  const ranked = [
    ...christmasFirst(),
    hit("A year abroad", 0.35),
    hit("I watch a film every new year's day", 0.2),
  ];
  assert.equal(reorder(ranked)[1], "I watch a film every new year's day");
  // Among the first hits, a partial answer worth as much as the full one further down keeps it
  // there: 0.8 of the aspect ("year" 4 of its 5) at 0.5 is worth 0.5 · 0.8⁴ ≈ 0.205.
  const shown = (full: number) => [
    hit("Our christmas holiday traditions", 0.6),
    hit("A year abroad", 0.5),
    hit("A christmas tree", 0.4),
    hit("Another christmas", 0.35),
    hit("I watch a film every new year's day", full),
  ];
  const words = yearWeighted(1, 4);
  assert.deepEqual(reorderWith(words, shown(0.2)), shown(0.2).map((item) => item.record.content));
  assert.equal(reorderWith(words, shown(0.21))[1], "I watch a film every new year's day");
});

Deno.test("a memory ranking marked down as someone else's or replaced answers no aspect", () => {
  /** A hit whose other factors left `kept` of its relevance (times the nudge). */
  const marked = (content: string, relevance: number, kept: number): Covered => {
    const record = sampleRecord({ id: content, content });
    const recency = 1;
    const score = relevance * nudge(record.importance, recency) * kept;
    return { record, score, relevance, recency };
  };
  const top = [
    marked("Our christmas holiday traditions", 0.6, 1),
    marked("The christmas lights in town", 0.5, 1),
    marked("A christmas tree", 0.4, 1),
  ];
  // Told in no one's voice (0.6): not moved up.
  const someoneElse = [
    ...top,
    marked("Another christmas", 0.35, 1),
    marked("Their new year party", 0.5, 0.6),
  ];
  assert.deepEqual(reorder(someoneElse), someoneElse.map((item) => item.record.content));
  // Nor does it answer the aspect among the first hits: the own answer further down moves up.
  const shown = [
    ...top.slice(0, 2),
    marked("Their new year party", 0.7, 0.6),
    marked("A christmas tree", 0.4, 1),
    marked("We swim every new year", 0.3, 1),
  ];
  assert.equal(reorder(shown)[1], "We swim every new year");
  // What ASPECT_OWN leaves (a question's answer type missing: 0.9) still answers.
  const typed = [...top, marked("Another christmas", 0.35, 1), marked("Our new year", 0.3, 0.9)];
  assert.equal(reorder(typed)[1], "Our new year");
});

Deno.test("an aligned memory's answers are read from the cosines alignment remembered", () => {
  // Word data of its own, so that what is remembered for it is this test's alone.
  const vectors: WordMeanings = { ...STEMS_ONLY };
  const ranked = [
    hit("Our christmas holiday traditions", 0.6),
    hit("The christmas lights in town", 0.5),
    hit("A christmas tree", 0.35),
    hit("A quiet evening at home", 0.3),
  ];
  // As a search aligned it: every word matched in full (no stem is shared: only the array
  // alignment remembered can say so).
  const matches = bestMatches(vectors);
  matches.words(
    alignedWordsKey(WORDS),
    "A quiet evening at home",
    () => new Float64Array(5).fill(1),
  );
  const aspects = queryAspects(QUERY, WORDS);
  const order = byCoverage(ranked, { words: WORDS, vectors, aspects, limit: 10 })
    .map((item) => item.record.content);
  assert.deepEqual(order.slice(0, 2), [
    "Our christmas holiday traditions",
    "A quiet evening at home",
  ]);
  // Aligned for real, the same order as word by word.
  const align = queryAligner(WORDS, vectors);
  for (const item of reorderInput()) align(item.record.content);
  assert.deepEqual(
    byCoverage(reorderInput(), { words: WORDS, vectors, aspects, limit: 10 }).map((item) =>
      item.record.content
    ),
    reorder(reorderInput()),
  );
});

Deno.test("a memory's words are read only when coverage needs its answers", () => {
  const read: string[] = [];
  const vectors: WordMeanings = {
    ...STEMS_ONLY,
    contentWords: (text) => (read.push(text), STEMS_ONLY.contentWords(text)),
  };
  const ranked = [
    hit("Our christmas holiday traditions", 0.6),
    hit("New year at home", 0.5),
    hit("A christmas tree", 0.4),
    hit("I watch a film every new year's day", 0.2),
  ];
  const aspects = queryAspects(QUERY, WORDS);
  byCoverage(ranked, { words: WORDS, vectors, aspects, limit: 10 });
  // Both aspects are answered by the first two hits: the rest are never read.
  assert.deepEqual([...new Set(read)], ["Our christmas holiday traditions", "New year at home"]);
});

/** Hits whose second aspect only a low one answers. */
function reorderInput(): Covered[] {
  return [
    hit("Our christmas holiday traditions", 0.6),
    hit("The christmas lights in town", 0.5),
    hit("A holiday next year", 0.4),
    hit("I watch a film every new year's day", 0.2),
  ];
}

Deno.test("nothing moves when every aspect is answered near the top, or the query has one aspect", () => {
  const ranked = [
    hit("Our christmas holiday traditions", 0.6),
    hit("The christmas lights in town", 0.5),
    hit("New year at home", 0.4),
    hit("A christmas tree", 0.35),
    hit("I watch a film every new year's day", 0.2),
  ];
  const contents = ranked.map((item) => item.record.content);
  assert.deepEqual(reorder(ranked), contents);
  const single = byCoverage(ranked.toReversed(), {
    words: WORDS,
    vectors: STEMS_ONLY,
    aspects: queryAspects("christmas holiday", WORDS),
    limit: 10,
  });
  assert.deepEqual(single.map((item) => item.record.content), contents.toReversed());
});

Deno.test("an answer moves up only from ASPECT_FLOOR of the best score", () => {
  const low = [
    hit("Our christmas holiday traditions", 1),
    hit("The christmas lights in town", 0.5),
    hit("A christmas tree", 0.4),
    hit("Another christmas", 0.35),
    hit("I watch a film every new year's day", ASPECT_FLOOR * 0.99),
  ];
  assert.deepEqual(reorder(low), low.map((item) => item.record.content));
  low[4]!.score = ASPECT_FLOOR;
  assert.equal(reorder(low)[1], "I watch a film every new year's day");
});

Deno.test("a memory never moves above the memory that replaces it, linked or not", () => {
  const top = [
    hit("Our christmas holiday traditions", 0.6),
    hit("The christmas lights in town", 0.5),
    hit("A christmas tree", 0.4),
    hit("Another christmas", 0.35),
  ];
  const linked = [
    ...top,
    hit("My new year plans changed", 0.3),
    hit("I watch a film every new year's day", 0.25, {
      superseded_by: "My new year plans changed",
    }),
  ];
  assert.equal(reorder(linked)[1], "My new year plans changed", "the replacement moves instead");
  const unlinked = [
    ...top,
    hit("Plans changed", 0.3),
    { ...hit("I watch a film every new year's day", 0.25), below: "Plans changed" },
  ];
  assert.deepEqual(reorder(unlinked), unlinked.map((item) => item.record.content));
});

Deno.test("search: a query in two parts gets the memory that answers its second part right after the first hit", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (
      const content of [
        "Every December our family bakes Christmas cookies together.",
        "The Christmas market in town opens next week.",
        "Our Christmas tree always goes up on the first of December.",
        "We sing Christmas carols for the neighbours every winter.",
        "Our holiday traditions are simple: we all go to church on Christmas Eve.",
        "Grandpa always tells the same Christmas story.",
        // Two more answers to the first part, so that by relevance alone (its focal words weigh
        // more, `focus.ts`) the New Year memory ranks below the first hits.
        "A Christmas film on the sofa is our favourite holiday tradition.",
        "Our Christmas holidays keep the tradition of a roast with all the cousins.",
        "This year the garden gave us far too many tomatoes.",
        "The ferry leaves at noon on Sundays.",
      ]
    ) await fixture.memory.store(fixture.aria, input({ content }));
    const newYear = await fixture.memory.store(
      fixture.aria,
      input({ content: "On New Year's Day I always swim in the cold sea." }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "What are our holiday traditions at Christmas and New Year?",
      n_results: 5,
      min_importance: 0,
    });
    assert.equal(hits[1]?.id, newYear.id);
  } finally {
    await fixture.close();
  }
});
