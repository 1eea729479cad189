import assert from "node:assert/strict";
import { letterCounts, lettersHeld, lettersWithin, SlipProbe } from "./slip_letters.ts";
import { SLIP_MIN_LETTERS, typoApart } from "./typo_pairs.ts";
import { seededRandom, slipOf } from "../testing/random_slips.ts";

Deno.test("lettersHeld: one bit a letter a-z held (bit 0 for 'a'), 0 for a word holding anything else", () => {
  assert.equal(lettersHeld("a"), 1);
  assert.equal(lettersHeld("z"), 1 << 25);
  assert.equal(lettersHeld("abba"), 0b11, "each letter once, the first one too");
  assert.equal(lettersHeld("ba"), 0b11);
  assert.equal(lettersHeld("cab"), 0b111);
  assert.equal(lettersHeld(""), 0);
  // Just outside a-z on either side, a digit, a capital, a letter with a mark.
  for (const word of ["`", "{", "ab`", "ab{", "b4", "Ab", "café"]) {
    assert.equal(lettersHeld(word), 0, word);
  }
});

Deno.test("letterCounts: how many of each letter a-z, the first one counted", () => {
  const counts = letterCounts("banana");
  assert.equal(counts.length, 26);
  assert.deepEqual([counts[0], counts[1], counts[13], counts[25]], [3, 1, 2, 0]);
  assert.equal(letterCounts("zz")[25], 2);
  assert.equal(counts.reduce((sum, count) => sum + count, 0), 6);
});

Deno.test("SlipProbe: never turns away a pair typoApart allows (random words, one and two slips)", () => {
  const next = seededRandom(49);
  let pairs = 0;
  for (let i = 0; i < 3000; i++) {
    const length = 4 + Math.floor(next() * 12);
    const word = Array.from({ length }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(next() * 26)])
      .join("");
    const once = slipOf(word, next);
    for (const text of [once, slipOf(once, next)]) {
      if (!typoApart(word, text, SLIP_MIN_LETTERS)) continue;
      pairs++;
      assert.ok(new SlipProbe(word).mayBeSlip(text, lettersHeld(text)), `${word} ${text}`);
      assert.ok(new SlipProbe(text).mayBeSlip(word, lettersHeld(word)), `${text} ${word}`);
    }
  }
  assert.ok(pairs > 2000, `${pairs} pairs`);
});

Deno.test("SlipProbe: turns away another first letter, a length past the shorter word's edits, letters too far apart", () => {
  const may = (word: string, text: string) =>
    new SlipProbe(word).mayBeSlip(text, lettersHeld(text));
  assert.equal(may("daughter", "daughter"), true);
  assert.equal(may("daughter", "baughter"), false, "the first letter");
  // Six letters allow one edit, seven two: the shorter word's edits bound the lengths.
  assert.equal(may("abcdef", "abcdefg"), true);
  assert.equal(may("abcdef", "abcdefgh"), false, "two longer than six letters");
  assert.equal(may("abcdefgh", "abcdef"), false, "two shorter, to six letters");
  assert.equal(may("abcdefg", "abcdefghi"), true, "two longer than seven letters");
  assert.equal(may("abcdefg", "abcdefghij"), false, "three longer");
  // Letters: two edits change the counts by at most four; one edit (six letters) by two.
  assert.equal(may("abcdefgh", "abxyefgh"), true, "two replaced: four apart");
  assert.equal(may("abcdefgh", "abxyzfgh"), false, "three replaced: six apart");
  assert.equal(may("abcdef", "abxdef"), true, "one replaced: two apart");
  assert.equal(may("abcdef", "abxyef"), false, "two replaced in six letters: four apart");
  // A swap moves no count; letters held the same but counted apart are turned away too.
  assert.equal(may("abcdefgh", "abdcefhg"), true);
  assert.equal(may("aabbccdd", "abbbcccd"), true, "four apart by counts");
  assert.equal(may("aabbccdd", "abbbbccc"), false, "six apart by counts, the same letters held");
});

Deno.test("lettersWithin: its scratch counts start over on each call", () => {
  const counts = letterCounts("abcdef");
  assert.equal(lettersWithin(counts, "xyzuvw", 4), false);
  assert.equal(lettersWithin(counts, "abcdef", 0), true);
  assert.equal(lettersWithin(counts, "abcdeg", 2), true);
  assert.equal(lettersWithin(counts, "abcdeg", 1), false);
});

Deno.test("lettersWithin: a text holding a character just outside a-z is no slip", () => {
  const counts = letterCounts("abcdef");
  assert.equal(lettersWithin(counts, "abcdez", 2), true);
  for (const text of ["abcde{", "abcde`", "abcde9"]) {
    assert.equal(lettersWithin(counts, text, 2), false, text);
  }
});
