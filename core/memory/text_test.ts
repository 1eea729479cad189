import assert from "node:assert/strict";
import { keywords, stem, termOverlap, terms, words } from "./text.ts";

Deno.test("word forms meet at one stem", () => {
  for (
    const group of [
      ["moved", "moving", "moves", "move"],
      ["spells", "spell"],
      [
        "stories",
        "story",
      ],
      ["running", "run"],
      ["horses", "horse"],
    ]
  ) {
    const stems = new Set(group.map(stem));
    assert.equal(stems.size, 1, `${group.join(", ")} gave ${[...stems].join(", ")}`);
  }
});

Deno.test("short words and words with double letters keep their form", () => {
  assert.equal(stem("sing"), "sing");
  assert.equal(stem("bed"), "bed");
  assert.equal(stem("is"), "is");
  assert.equal(stem("spell"), "spell");
  assert.equal(stem("miss"), "miss");
  assert.equal(stem("metal"), "metal");
});

Deno.test("words drop accents and punctuation; terms drop stop words", () => {
  assert.deepEqual(words("Café, naïve — ÉLAN!"), ["cafe", "naive", "elan"]);
  assert.deepEqual(terms("We are moving to the harbor"), ["mov", "harbor"]);
  assert.deepEqual(keywords("the magic of the Magic spells"), ["magic", "spells"]);
});

Deno.test("term overlap is the share of distinct query terms found", () => {
  const content = new Set(terms("Aria taught me three magic spells"));
  assert.equal(termOverlap(terms("magic spell"), content), 1);
  assert.equal(termOverlap(terms("magic dragons"), content), 0.5);
  assert.equal(termOverlap([], content), 0);
});
