import assert from "node:assert/strict";
import { told, topHits, withSqlite } from "./testing/told_memories.ts";
import { ownTermsQuery } from "./testing/own_terms_query.ts";
import { FOCUS, focusFactors, queryParts } from "./focus.ts";

Deno.test("FOCUS squares each term's weight relative to the heaviest", () => {
  assert.equal(FOCUS, 2);
  // The heaviest keeps its weight; a term of half its weight keeps a half of it (a quarter
  // of the heaviest's in all).
  assert.deepEqual(focusFactors("kitten week", ["kitten", "week"], [4, 2]), [1, 0.5]);
  assert.deepEqual(focusFactors("kitten week", ["kitten", "week"], [4, 2], 1), [1, 1]);
  // Zero weights are left alone.
  assert.deepEqual(focusFactors("kitten week", ["kitten", "week"], [0, 0]), [1, 1]);
});

Deno.test("a query's parts are read once per text (focal words and aspects share them)", () => {
  const text = "What do I cook, bake or grow?";
  const parts = queryParts(text);
  assert.equal(queryParts(text), parts, "remembered, not read again");
  assert.ok(Object.isFrozen(parts), "shared, so not to be changed");
  assert.notEqual(queryParts("What do I cook?"), parts);
});

Deno.test("each part of a query in several parts keeps its own focal word", () => {
  assert.deepEqual(queryParts("What music do I play or listen to?").map((part) => [...part]), [
    ["music", "plai"],
    ["listen"],
  ]);
  // "listen" is the heaviest of its own part: it keeps its weight though "music" weighs more.
  const factors = focusFactors(
    "What music do I play or listen to?",
    ["music", "plai", "listen"],
    [4, 2, 2],
  );
  assert.deepEqual(factors, [1, 0.5, 1]);
  // A term no part holds (an expansion's) is relative to the heaviest of all.
  assert.deepEqual(focusFactors("music, listen", ["music", "listen", "song"], [4, 2, 1]), [
    1,
    1,
    0.25,
  ]);
});

Deno.test("search weighs a peripheral word's literal match by its sharpened share", async () => {
  await withSqlite(async (fixture) => {
    // Two memories of the same length (three terms), each holding one query term once.
    const [common, rare] = await told(fixture, {
      background: [],
      told: ["Last week was busy.", "A kitten was sleeping soundly."],
    });
    const query = "kitten week";
    const hits = await topHits(fixture, query, { n_results: 2, explain: true });
    const lexical = (id: string) => hits.find((hit) => hit.id === id)!.score_parts!.lexical;
    const [kitten, week] = await fixture.backend.termWeights(await ownTermsQuery(fixture, query));
    assert.ok(kitten! > week!, `${kitten} > ${week}`);
    // Unsharpened, the ratio of their lexical parts would be week / kitten.
    const expected = (week! / kitten!) ** FOCUS;
    const ratio = lexical(common!) / lexical(rare!);
    assert.ok(Math.abs(ratio - expected) < 0.01, `${ratio} ≈ ${expected}`);
  });
});
