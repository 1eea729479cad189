/**
 * cleanFacts keeps what the documented limits allow (review28 M14-M16): at most MAX_FACTS (10),
 * the first in order; at most MAX_FACT_CHARS (300) characters once whitespace runs are one
 * space; importance 1-10 rounded and held to 0.1-1, an odd value counting as 5.
 */
import assert from "node:assert/strict";
import { cleanFacts, MAX_FACT_CHARS, MAX_FACTS, type ProposedFact } from "./facts.ts";

const fact = (content: string, importance = 5): ProposedFact => ({
  content,
  about: "speaker",
  importance,
});

Deno.test("cleanFacts keeps the first 10 distinct facts", () => {
  assert.equal(MAX_FACTS, 10);
  const proposed = [...Array(12)].map((_, i) => fact(`Tam owns ${i + 1} boats.`));
  const kept = cleanFacts(proposed);
  assert.deepEqual(
    kept.map((f) => f.content),
    proposed.slice(0, 10).map((f) => f.content),
  );
});

Deno.test("cleanFacts keeps a fact of 300 characters and drops one of 301, measured collapsed", () => {
  assert.equal(MAX_FACT_CHARS, 300);
  const exact = "a".repeat(299) + ".";
  const over = "b".repeat(300) + ".";
  const spaced = "c".repeat(149) + "   \n  " + "d".repeat(150);
  const kept = cleanFacts([fact(exact), fact(over), fact(spaced)]).map((f) => f.content);
  assert.deepEqual(kept, [exact, "c".repeat(149) + " " + "d".repeat(150)]);
  assert.equal(kept[1]!.length, 300);
});

Deno.test("cleanFacts rounds importance 1-10 into 0.1-1; an odd value counts as 5", () => {
  const ratings = [15, 10, 6.6, 0, -3, Number.NaN, Number.POSITIVE_INFINITY];
  const kept = cleanFacts(ratings.map((rating, i) => fact(`Fact number ${i}.`, rating)));
  assert.deepEqual(kept.map((f) => f.importance), [1, 1, 0.7, 0.1, 0.1, 0.5, 0.5]);
});
