import assert from "node:assert/strict";
import { oneEditAway, TYPO_SIMILARITY, TypoReadings, withTypoReading } from "./typo_forms.ts";
import { WordVectors } from "./word_vectors.ts";
import { rankedAmong } from "../testing/ranked_among.ts";
import { stem } from "../text.ts";

Deno.test("oneEditAway: swaps, a letter missing, extra or replaced, the first letter kept", () => {
  const [swapped, missing, extra, replaced] = oneEditAway("abc");
  assert.deepEqual(swapped, ["acb"]);
  assert.ok(missing!.includes("abxc") && missing!.includes("abcd") && missing!.length === 3 * 26);
  assert.deepEqual(extra, ["ac", "ab"]);
  assert.ok(replaced!.includes("axc") && replaced!.length === 2 * 26);
  assert.ok(![...missing!, ...replaced!].some((edit) => !edit.startsWith("a")));
});

Deno.test("TypoReadings: the likeliest slip first, then the most common word; known words stay", () => {
  const ranks = new Map([
    ["receive", 900],
    ["migraines", 5000],
    ["migrates", 100],
    ["rubble", 7],
    ["cake", 3],
  ]);
  let asked = 0;
  const readings = new TypoReadings({
    knows: (word) => ranks.has(word) || word === "jayden",
    commonness: (word) => (asked++, ranks.get(word)),
    unit: (word) => word === "receive" ? new Float32Array([0.6, 0.8]) : undefined,
    informativeness: () => 0.9,
  });
  assert.equal(readings.reading("recieve"), "receive", "two letters swapped");
  // "migrates" is one letter replaced and more common; a letter left out is the likelier slip.
  assert.equal(readings.reading("migranes"), "migraines");
  assert.equal(readings.reading("migraines"), undefined, "a known word is no misspelling");
  assert.equal(readings.reading("jayden"), undefined);
  assert.equal(readings.reading("rible"), undefined, "no word one edit away");
  assert.equal(readings.reading("ckae"), undefined, "four letters' slips are not read");
  assert.equal(readings.reading("mi5ranes"), undefined, "not plain letters");
  const before = asked;
  readings.reading("recieve");
  assert.equal(asked, before, "remembered");
  const read = readings.misspelt("recieve")!;
  assert.equal(read.stem, stem("receive"));
  const expected = [0.6 * TYPO_SIMILARITY, 0.8 * TYPO_SIMILARITY];
  read.unit.forEach((value, d) => assert.ok(Math.abs(value - expected[d]!) < 1e-6));
  assert.equal(readings.misspelt("recieve"), read, "remembered");
  assert.equal(readings.misspelt("migranes"), undefined, "no vector for the word meant");
});

Deno.test("WordVectors: a misspelt word reads as the WordNet word it misses, at a reduced weight", async () => {
  const vectors = await WordVectors.shared();
  const query = vectors.prepare("recieve");
  assert.equal(query.related?.get(stem("receive")), TYPO_SIMILARITY);
  assert.ok(query.unit !== undefined);
  const [memoryWord] = vectors.contentWords("migranes");
  assert.equal(memoryWord!.stem, stem("migranes"), "the index keeps the word as written");
  const migraines = vectors.prepare("migraines");
  let cosine = 0;
  for (let d = 0; d < vectors.dimensions; d++) {
    cosine += migraines.unit![d]! * memoryWord!.unit![d]!;
  }
  assert.ok(Math.abs(cosine - TYPO_SIMILARITY) < 1e-3, `cosine ${cosine}`);
  assert.equal(vectors.prepare("okafor").unit, undefined, "a name one edit from no word");
});

Deno.test("withTypoReading: the meant stem joins the relations, once per stem", () => {
  const alone = withTypoReading(undefined, "receiv");
  assert.deepEqual([...alone!], [["receiv", TYPO_SIMILARITY]]);
  assert.equal(withTypoReading(undefined, "receiv"), alone);
  const plain = new Map([["x", 0.5]]);
  assert.equal(withTypoReading(plain, undefined), plain);
  assert.deepEqual([...withTypoReading(plain, "receiv")!], [["receiv", TYPO_SIMILARITY], [
    "x",
    0.5,
  ]]);
});

Deno.test("search: a memory with a misspelt word answers the word spelt right (real SQLite)", async () => {
  const { stored, ranked } = await rankedAmong([
    "My back gets sore when I sit at my desk too long.",
    "my gf gets bad migranes from gaming all night",
    "Gaming all night with the lads again, my eyes hurt.",
    "The birds were migrating south over the estuary.",
  ], "who gets migraines");
  assert.equal(ranked[0], stored[1]);
});
