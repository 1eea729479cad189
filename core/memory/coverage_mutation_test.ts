/** Boundaries of the aspect answers in `coverage.ts` (review37). */
import assert from "node:assert/strict";
import { ASPECT_LEAST, ASPECT_OWN, byCoverage, type Covered } from "./coverage.ts";
import { nudge } from "./ranking.ts";
import { STEMS_ONLY, type WeightedWord } from "./meaning/alignment.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

function hit(content: string, score: number): Covered {
  return { record: sampleRecord({ id: content, content }), score };
}

Deno.test("a memory matching exactly ASPECT_LEAST of an aspect's weight may answer it", () => {
  // Aspect 1 is "new" (weight 3) and "year" (weight 7): "new shoes" matches 3/10 of it.
  const words: WeightedWord[] = [
    { word: "holiday", weight: 1 },
    { word: "new", weight: 3 },
    { word: "year", weight: 7 },
  ];
  assert.equal(3 / 10, ASPECT_LEAST);
  const ranked = [
    hit("holiday plans", 0.6),
    hit("unrelated one", 0.5),
    hit("unrelated two", 0.45),
    hit("unrelated three", 0.4),
    hit("new shoes", 0.3),
  ];
  const order = byCoverage(ranked, {
    words,
    vectors: STEMS_ONLY,
    aspects: [[0], [1, 2]],
    limit: 5,
  }).map((item) => item.record.content);
  assert.deepEqual(order.slice(0, 2), ["holiday plans", "new shoes"]);
});

Deno.test("an aspect the memory moved for another aspect answers as well moves nothing more", () => {
  const words: WeightedWord[] = ["holiday", "new", "year", "party"].map((word) => ({
    word,
    weight: 1,
  }));
  const ranked = [
    hit("holiday plans", 0.9),
    hit("unrelated one", 0.8),
    hit("unrelated two", 0.7),
    hit("unrelated three", 0.6),
    hit("new year party", 0.5),
    hit("party games", 0.45),
  ];
  const order = byCoverage(ranked, {
    words,
    vectors: STEMS_ONLY,
    aspects: [[0], [1, 2], [3]],
    limit: 6,
  }).map((item) => item.record.content);
  assert.deepEqual(order.slice(0, 3), ["holiday plans", "new year party", "unrelated one"]);
});

Deno.test("a memory ranking left exactly ASPECT_OWN of its score still answers", () => {
  const words: WeightedWord[] = ["holiday", "new", "year"].map((word) => ({ word, weight: 1 }));
  const record = sampleRecord({ id: "our new year", content: "our new year" });
  const relevance = 0.3;
  const recency = 1;
  const score = relevance * nudge(record.importance, recency) * ASPECT_OWN;
  const ranked: Covered[] = [
    hit("holiday plans", 0.9),
    hit("unrelated one", 0.8),
    hit("unrelated two", 0.7),
    hit("unrelated three", 0.6),
    { record, score, relevance, recency },
  ];
  const order = byCoverage(ranked, {
    words,
    vectors: STEMS_ONLY,
    aspects: [[0], [1, 2]],
    limit: 5,
  }).map((item) => item.record.content);
  assert.equal(order[1], "our new year");
});

Deno.test("of two answers worth the same, the higher-ranked moves", () => {
  // Each matches half of "new year" at the same score: worth 0.5 · 0.5⁴ both.
  const words: WeightedWord[] = ["holiday", "new", "year"].map((word) => ({ word, weight: 1 }));
  const ranked = [
    hit("holiday plans", 0.9),
    hit("unrelated one", 0.8),
    hit("unrelated two", 0.7),
    hit("unrelated three", 0.6),
    hit("new shoes", 0.5),
    hit("new hat", 0.5),
  ];
  const order = byCoverage(ranked, {
    words,
    vectors: STEMS_ONLY,
    aspects: [[0], [1, 2]],
    limit: 6,
  }).map((item) => item.record.content);
  assert.equal(order[1], "new shoes");
});
