/** Boundaries of the aspect answers in `coverage.ts` (review37). */
import assert from "node:assert/strict";
import { ASPECT_FLOOR, ASPECT_LEAST, ASPECT_OWN, byCoverage, type Covered } from "./coverage.ts";
import { nudge } from "./ranking.ts";
import { STEMS_ONLY, type WeightedWord } from "./meaning/alignment.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

function hit(content: string, score: number): Covered {
  return { record: sampleRecord({ id: content, content }), score };
}

/** Words of weight 1 each. */
function weighted(...words: string[]): WeightedWord[] {
  return words.map((word) => ({ word, weight: 1 }));
}

/**
 * `holiday plans` first (answering aspect 0, "holiday"), three hits answering nothing, then
 * `rest`: the first hits shown for two or three aspects.
 */
function ranked(...rest: Covered[]): Covered[] {
  const unrelated = ["one", "two", "three"].map((n, i) => hit(`unrelated ${n}`, 0.8 - 0.1 * i));
  return [hit("holiday plans", 0.9), ...unrelated, ...rest];
}

/** The contents of `hits` in the order coverage gives them. */
function reordered(
  hits: Covered[],
  query: { words: WeightedWord[]; aspects: number[][] },
): string[] {
  return byCoverage(hits, { ...query, vectors: STEMS_ONLY, limit: hits.length })
    .map((item) => item.record.content);
}

Deno.test("a memory matching exactly ASPECT_LEAST of an aspect's weight may answer it", () => {
  // Aspect 1 is "new" (weight 3) and "year" (weight 7): "new shoes" matches 3/10 of it.
  const words = [{ word: "holiday", weight: 1 }, { word: "new", weight: 3 }, {
    word: "year",
    weight: 7,
  }];
  assert.equal(3 / 10, ASPECT_LEAST);
  const order = reordered(ranked(hit("new shoes", 0.3)), { words, aspects: [[0], [1, 2]] });
  assert.deepEqual(order.slice(0, 2), ["holiday plans", "new shoes"]);
});

Deno.test("an aspect the memory moved for another aspect answers as well moves nothing more", () => {
  const hits = ranked(hit("new year party", 0.5), hit("party games", 0.45));
  const words = weighted("holiday", "new", "year", "party");
  const order = reordered(hits, { words, aspects: [[0], [1, 2], [3]] });
  assert.deepEqual(order.slice(0, 3), ["holiday plans", "new year party", "unrelated one"]);
});

Deno.test("a memory ranking left exactly ASPECT_OWN of its score still answers", () => {
  const record = sampleRecord({ id: "our new year", content: "our new year" });
  const [relevance, recency] = [0.3, 1];
  const score = relevance * nudge(record.importance, recency) * ASPECT_OWN;
  const hits = ranked({ record, score, relevance, recency });
  const order = reordered(hits, {
    words: weighted("holiday", "new", "year"),
    aspects: [[0], [1, 2]],
  });
  assert.equal(order[1], "our new year");
});

Deno.test("of two answers worth the same, the higher-ranked moves", () => {
  // Each matches half of "new year" at the same score: worth 0.5 · 0.5⁴ both.
  const hits = ranked(hit("new shoes", 0.5), hit("new hat", 0.5));
  const order = reordered(hits, {
    words: weighted("holiday", "new", "year"),
    aspects: [[0], [1, 2]],
  });
  assert.equal(order[1], "new shoes");
});

Deno.test("an answer scored ASPECT_FLOOR of the first hit's score moves; one below does not", () => {
  const query = { words: weighted("holiday", "new", "year"), aspects: [[0], [1, 2]] };
  const atFloor = ranked(hit("new year swim", ASPECT_FLOOR * 0.9));
  assert.equal(reordered(atFloor, query)[1], "new year swim");
  // 0.2, under 0.225 (a floor of 0.2 would move it: 0.18).
  const below = ranked(hit("new year swim", 0.2));
  assert.equal(reordered(below, query)[1], "unrelated one");
});
