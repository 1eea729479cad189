import assert from "node:assert/strict";
import { coveredHit as hit, reordered, weighted } from "./testing/coverage_hits.ts";

const QUERY = "Leo's chemistry: his teacher and his quiz results";
const WORDS = weighted("leo", "chemistry", "teacher", "quiz", "results");

Deno.test("a hit moved up for one part answers no other part it only touches", () => {
  const ranked = [
    hit("Leo went swimming today.", 1),
    hit("Leo ate a big lunch.", 0.95),
    hit("Leo lost his gloves.", 0.9),
    // Moved up for the first part; it has "quiz" of the second, half of it, as has the hit
    // below, which scores less: the second part is still the lower hit's to answer.
    hit("Leo's chemistry teacher sets a quiz every Friday.", 0.8),
    hit("Leo walked the dog.", 0.7),
    hit("The exam results came in the post.", 0.6),
  ];
  assert.deepEqual(reordered({ text: QUERY, words: WORDS }, ranked, 6).slice(0, 3), [
    "Leo went swimming today.",
    "Leo's chemistry teacher sets a quiz every Friday.",
    "The exam results came in the post.",
  ]);
});
