import assert from "node:assert/strict";
import { answersMainly, ASPECT_MAIN, type Covered, queryAspects } from "./coverage.ts";
import { coveredHit as hit, reordered, weighted } from "./testing/coverage_hits.ts";

const QUERY = "Leo's chemistry: his teacher and his quiz results";
const WORDS = weighted("leo", "chemistry", "teacher", "quiz", "results");

function reorder(ranked: Covered[], limit = 10): string[] {
  return reordered({ text: QUERY, words: WORDS }, ranked, limit);
}

Deno.test("the documented constant", () => {
  assert.equal(ASPECT_MAIN, 0.8);
});

Deno.test("an aspect is one a memory mainly answers from ASPECT_MAIN of its largest share", () => {
  assert.equal(answersMainly([1, 0.5], 1), false);
  assert.equal(answersMainly([1, 0.5], 0), true);
  assert.equal(answersMainly([1, ASPECT_MAIN], 1), true);
  assert.equal(answersMainly([0.5, 0.5], 1), true);
  assert.equal(answersMainly([0, 0], 0), true);
});

Deno.test("a first hit that answers another part in full answers no part it only touches", () => {
  assert.deepEqual(queryAspects(QUERY, WORDS), [[0, 1, 2], [3, 4]]);
  const ranked = [
    // All of the first part, and "quiz" of the second: it answers the first part.
    hit("Leo's chemistry teacher sets a quiz every Friday.", 1),
    hit("Leo's chemistry class did a flame test.", 0.9),
    hit("Leo's chemistry homework is late again.", 0.8),
    hit("Leo's chemistry exam is in June.", 0.7),
    hit("Leo thinks chemistry is boring.", 0.6),
    hit("He scored badly on the electrolysis quiz.", 0.5),
  ];
  const order = reorder(ranked, 5);
  assert.equal(order[1], "He scored badly on the electrolysis quiz.");
  assert.equal(order[0], "Leo's chemistry teacher sets a quiz every Friday.");
});

Deno.test("a first hit that answers both parts alike still answers each", () => {
  const ranked = [
    hit("Leo's chemistry teacher gave him the quiz results.", 1),
    hit("Leo's chemistry class did a flame test.", 0.9),
    hit("Leo's chemistry homework is late again.", 0.8),
    hit("Leo's chemistry exam is in June.", 0.7),
    hit("He scored badly on the electrolysis quiz.", 0.5),
  ];
  assert.deepEqual(reorder(ranked, 5), ranked.map((item) => item.record.content));
});
