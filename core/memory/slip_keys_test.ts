import assert from "node:assert/strict";
import { SLIP_KEY_MAX_LETTERS, slipKeyHashes, SlipKeys } from "./slip_keys.ts";
import { SLIP_MIN_LETTERS, typoApart } from "./meaning/typo_pairs.ts";

/** A seeded generator (mulberry32), for words and slips that are the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = "abcdeilmnorst";

/** One slip of `word` that keeps its first letter: a letter left out, added, replaced or swapped. */
function slipOf(word: string, next: () => number): string {
  const at = 1 + Math.floor(next() * (word.length - 1));
  const letter = LETTERS[Math.floor(next() * LETTERS.length)]!;
  switch (Math.floor(next() * 4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + letter + word.slice(at);
    case 2:
      return word.slice(0, at) + letter + word.slice(at + 1);
    default:
      return at + 1 < word.length
        ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
        : word;
  }
}

Deno.test("SlipKeys finds exactly the words typoApart allows, one or two slips away, through its growth", () => {
  const next = random(7);
  // Few first letters and letters: many words near each other, as in a store of made-up names.
  const vocabulary = [
    ...new Set(Array.from({ length: 3_000 }, () => {
      const length = 4 + Math.floor(next() * 9);
      return Array.from({ length }, (_, i) => LETTERS[Math.floor(next() * (i ? 13 : 3))]).join("");
    })),
  ];
  const keys = new SlipKeys(vocabulary.slice(0, 1_000));
  // Added one by one past the table's first size (rebuilt as it grows).
  for (const word of vocabulary.slice(1_000)) assert.ok(keys.add(word));
  assert.equal(keys.size, vocabulary.length);
  for (let round = 0; round < 300; round++) {
    const target = vocabulary[Math.floor(next() * vocabulary.length)]!;
    let asked = slipOf(target, next);
    if (next() < 0.5) asked = slipOf(asked, next);
    const near = new Set<string>();
    keys.near(asked, (word) => near.add(word));
    const found = [...near].filter((word) => typoApart(asked, word, SLIP_MIN_LETTERS)).sort();
    const expected = vocabulary.filter((word) => typoApart(asked, word, SLIP_MIN_LETTERS)).sort();
    assert.deepEqual(found, expected, `slips of ${asked}`);
  }
});

Deno.test("slipKeyHashes: a word's keys keep its first letter; one letter out, and two past six letters", () => {
  const shared = (a: string, b: string) =>
    slipKeyHashes(a).filter((key) => slipKeyHashes(b).includes(key)).length;
  // "roof": roof, rof (either "o" out: one key), roo; never "oof".
  assert.equal(slipKeyHashes("roof").length, 3);
  assert.equal(shared("roof", "oof"), 0, "the first letter is never left out");
  assert.ok(shared("roof", "rof") > 0);
  // Six letters: one out at most ("garden" and "gardne" meet at "gardn" and "garde").
  assert.equal(slipKeyHashes("garden").length, 6);
  assert.equal(shared("garden", "gxrdxn"), 0, "two replaced: no key of six letters allows it");
  // Seven: two out as well (1 + 6 + 15 keys).
  assert.equal(slipKeyHashes("gardens").length, 1 + 6 + 15);
  assert.ok(shared("gardens", "gxrdxns") > 0, "two replaced, both seven letters");
});

Deno.test("SlipKeys: a word past 24 letters gets no keys and finds none", () => {
  const keys = new SlipKeys();
  const long = "a".repeat(SLIP_KEY_MAX_LETTERS + 1);
  assert.equal(keys.add(long), false);
  assert.ok(keys.add("a".repeat(SLIP_KEY_MAX_LETTERS)));
  const found: string[] = [];
  keys.near(long, (word) => found.push(word));
  assert.equal(found.length, 0);
  keys.near("a".repeat(SLIP_KEY_MAX_LETTERS - 1), (word) => found.push(word));
  assert.deepEqual(found, ["a".repeat(SLIP_KEY_MAX_LETTERS)]);
});
