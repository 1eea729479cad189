import assert from "node:assert/strict";
import {
  COMPOUND_HEAD_SIMILARITY,
  COMPOUND_PART_MAX_LETTERS,
  COMPOUND_PART_RANK,
  compoundParts,
  type CompoundWords,
  withCompoundParts,
} from "./compounds.ts";
import { EXPANSION_CLOSE, EXPANSION_COMPOUND } from "./expansion_shares.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { analysedQuery } from "./query_analysis.ts";
import { shippedTables } from "./meaning/vector_tables.ts";
import { words as foldedWords } from "./text.ts";

/** Word data from tables: ranks by word, cosines by "whole head" pair (0 when not listed). */
function wordsOf(ranks: Record<string, number>, cosines: Record<string, number> = {}) {
  return {
    rankOf: (word: string) => ranks[word],
    similarity: (a: string, b: string) => cosines[`${a} ${b}`] ?? 0,
    informativeness: (word: string) => word === "flat" ? 0.9 : 1,
  } satisfies CompoundWords;
}

Deno.test("a closed compound splits into two common words whose head means part of it", () => {
  const words = wordsOf(
    { flat: 2820, mate: 6009, flatmate: 30_000, car: 542, pet: 6276, dead: 721, lines: 1245 },
    { "flatmate mate": 0.14, "deadlines lines": 0.05 },
  );
  assert.deepEqual(compoundParts("flatmate", words), ["flat", "mate"]);
  assert.deepEqual(compoundParts("smartflat", wordsOf({ smart: 4181, flat: 2820 })), [
    "smart",
    "flat",
  ], "a whole the vectors do not know");
  assert.ok(0.05 < COMPOUND_HEAD_SIMILARITY);
  const none: Array<[string, ReturnType<typeof wordsOf>, string]> = [
    ["carpet", words, "parts of 3 letters are no words here"],
    ["however", wordsOf({ however: 90, ever: 300, howe: 9000 }), "more frequent than its parts"],
    [
      "flatmate",
      wordsOf({ flat: 2820, mate: 6009, flatmate: 4000 }, { "flatmate mate": 0.5 }),
      "more frequent than its rarer part: a word of its own",
    ],
    [
      "deadlines",
      wordsOf({ dead: 721, lines: 1245, deadlines: 20_000 }, { "deadlines lines": 0.05 }),
      "a head far from the whole",
    ],
    ["creatures", wordsOf({ ures: 50_000 }), "fragments"],
    ["terabyte", wordsOf({ tera: 20_000, byte: 5_000 }), "a rare first part is no common word"],
    ["darkness", wordsOf({ dark: 900, ness: 9_000 }), "a part that stems to the whole: a suffix"],
  ];
  for (const [word, known, why] of none) assert.equal(compoundParts(word, known), undefined, why);
});

Deno.test("a query's compound brings its parts into BM25 at EXPANSION_COMPOUND of its weight", () => {
  const words = wordsOf({ flat: 2820, mate: 6009 });
  const expanded = withCompoundParts("Who is my flatmate?", {
    terms: ["flatmat", "friend"],
    priors: [1, 0.4],
    sources: [0, 0],
  }, words);
  assert.deepEqual(expanded.terms, ["flatmat", "friend", "flat", "mate"]);
  assert.deepEqual(expanded.priors, [1, 0.4, 0.9 * EXPANSION_COMPOUND, EXPANSION_COMPOUND]);
  assert.deepEqual(expanded.sources, [0, 0, 0, 0]);
  // Its own words say more of a compound than a synonym does ("flat" of "flatmate").
  assert.ok(EXPANSION_COMPOUND > EXPANSION_CLOSE);
  const plain = { terms: ["cat"], priors: [1], sources: [0] };
  assert.equal(withCompoundParts("my cat", plain, words), plain, "none: the same query");
  // Only a term of the query's own is split, not a relative another term brought.
  const relative = { terms: ["friend", "flatmat"], priors: [1, 0.4], sources: [0, 0] };
  assert.equal(withCompoundParts("my flatmate", relative, words), relative);
});

Deno.test("a compound's part already among the relatives takes the greater of the two weights", () => {
  const words = wordsOf({ flat: 2820, mate: 6009 });
  const query = (flatPrior: number) =>
    withCompoundParts("Who is my flatmate?", {
      terms: ["flatmat", "flat"],
      priors: [1, flatPrior],
      sources: [0, 0],
    }, words);
  const raised = query(0.1);
  assert.deepEqual(raised.terms, ["flatmat", "flat", "mate"]);
  assert.deepEqual(raised.priors, [1, 0.9 * EXPANSION_COMPOUND, EXPANSION_COMPOUND]);
  const kept = query(0.8);
  assert.deepEqual(
    kept.priors,
    [1, 0.8, EXPANSION_COMPOUND],
    "a weightier relative keeps its weight",
  );
});

Deno.test("the shipped word data: 'flatmate' and 'smartphone' split, fragments and suffixes do not", async () => {
  const vectors = await WordVectors.shared();
  assert.deepEqual(compoundParts("flatmate", vectors), ["flat", "mate"]);
  assert.deepEqual(compoundParts("smartphone", vectors), ["smart", "phone"]);
  for (const word of ["creatures", "carpet", "membership", "deadlines", "professionally"]) {
    assert.equal(compoundParts(word, vectors), undefined, word);
  }
  const query = analysedQuery("Who is my flatmate?", vectors, { expand: true });
  assert.ok(query.expanded.terms.includes("flat"), "search's BM25 query holds the part");
  const plain = analysedQuery("Who is my flatmate?", vectors, { expand: false });
  assert.ok(!plain.expanded.terms.includes("flat"), "a query not expanded is not split either");
});

Deno.test("compoundParts looks up only splits whose parts fit COMPOUND_PART_MAX_LETTERS (attack29 F0: quadratic)", () => {
  let asked = 0;
  const counting = { ...wordsOf({}), rankOf: () => (asked++, 1) };
  // Every split of a long word hashed both halves: 2 look-ups at each of ~10,000 split points.
  assert.equal(compoundParts("harbour".repeat(1_500), counting), undefined);
  assert.equal(asked, 0, "a word longer than two parts can be is looked up not at all");
  // A ligature folds to two letters: the bound is on the folded word.
  const [ligatures] = foldedWords("\uFB01".repeat(2 * COMPOUND_PART_MAX_LETTERS));
  assert.equal(ligatures?.length, 4 * COMPOUND_PART_MAX_LETTERS);
  assert.equal(compoundParts(ligatures!, counting), undefined);
  assert.equal(asked, 0, "a word of folded ligatures is no longer allowed than any other");
  // The longest allowed word has one split: both parts at the longest.
  const longest = "p".repeat(COMPOUND_PART_MAX_LETTERS) + "q".repeat(COMPOUND_PART_MAX_LETTERS);
  const parts = wordsOf({
    ["p".repeat(COMPOUND_PART_MAX_LETTERS)]: 5,
    ["q".repeat(COMPOUND_PART_MAX_LETTERS)]: 6,
  });
  assert.deepEqual(compoundParts(longest, parts), [
    "p".repeat(COMPOUND_PART_MAX_LETTERS),
    "q".repeat(COMPOUND_PART_MAX_LETTERS),
  ]);
  compoundParts(longest.slice(1), counting);
  assert.ok(
    asked <= 2 * 3,
    `${asked} look-ups for the two splits of a word one letter shorter (its parts and the whole at each)`,
  );
});

Deno.test("the shipped word data: no word within COMPOUND_PART_RANK is longer than COMPOUND_PART_MAX_LETTERS", async () => {
  const tables = await shippedTables();
  let longest = "";
  for (let row = 0; row < tables.ranks.length; row++) {
    const word = tables.rows.keyAt(row)!;
    if (tables.ranks[row]! <= COMPOUND_PART_RANK && word.length > longest.length) longest = word;
  }
  assert.equal(longest.length, COMPOUND_PART_MAX_LETTERS, longest);
});
