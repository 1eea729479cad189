import assert from "node:assert/strict";
import {
  oneEditAway,
  TYPO_MAX_LETTERS,
  TYPO_SIMILARITY,
  TypoReadings,
  withTypoReading,
} from "./typo_forms.ts";
import { preparedSimilarity } from "./word_similarity.ts";
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
});

Deno.test("TypoReadings: a word longer than TYPO_MAX_LETTERS is never read (its edits grow with the square of its length)", () => {
  const longest = "b".repeat(TYPO_MAX_LETTERS - 1) + "x";
  let asked = 0;
  const readings = new TypoReadings({
    knows: () => false,
    commonness: (word) => (asked++, word === "b".repeat(TYPO_MAX_LETTERS) ? 1 : undefined),
  });
  assert.equal(readings.reading(longest), "b".repeat(TYPO_MAX_LETTERS), "the longest still read");
  asked = 0;
  assert.equal(readings.reading(longest + "y"), undefined);
  assert.equal(
    readings.reading("q".repeat(4_000)),
    undefined,
    "a chat message's long run of letters",
  );
  assert.equal(asked, 0, "not one edit looked up");
});

Deno.test("alignment: a memory's unknown word one slip from a known query word, at a reduced weight", async () => {
  const vectors = await WordVectors.shared();
  const [migranes] = vectors.contentWords("migranes");
  assert.equal(migranes!.unit, undefined, "the vectors lack it; the index keeps it as written");
  assert.equal(preparedSimilarity(vectors.prepare("migraines"), migranes!), TYPO_SIMILARITY);
  const [migrates] = vectors.contentWords("migrates");
  assert.ok(preparedSimilarity(vectors.prepare("migraines"), migrates!) < TYPO_SIMILARITY);
  const recieve = vectors.prepare("recieve");
  assert.equal(recieve.related?.get(stem("receive")), TYPO_SIMILARITY, "a query's slip read");
  assert.equal(vectors.prepare("okafor").related, undefined, "a name one edit from no word");
});

Deno.test("withTypoReading: the meant stem joins the relations, with its own at the typo share, once per stem", () => {
  // A stem no other test reads (the maps are shared by stem).
  const alone = withTypoReading(undefined, "qzreceiv", new Map([["qzobtain", 0.5]]));
  assert.deepEqual([...alone!], [["qzreceiv", TYPO_SIMILARITY], [
    "qzobtain",
    0.5 * TYPO_SIMILARITY,
  ]]);
  assert.equal(withTypoReading(undefined, "qzreceiv"), alone);
  const plain = new Map([["x", 0.5], ["qzobtain", 0.9]]);
  assert.equal(withTypoReading(plain, undefined), plain);
  assert.deepEqual([...withTypoReading(plain, "qzreceiv")!], [
    ["qzreceiv", TYPO_SIMILARITY],
    ["qzobtain", 0.9],
    ["x", 0.5],
  ]);
});

Deno.test("alignment: a query's slip answers what its reading is related to ('alergies': 'allergic')", async () => {
  const vectors = await WordVectors.shared();
  const [allergic] = vectors.contentWords("allergic");
  const similarity = preparedSimilarity(vectors.prepare("alergies"), allergic!);
  assert.ok(similarity > 0.4 && similarity < TYPO_SIMILARITY, `${similarity}`);
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
