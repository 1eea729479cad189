/**
 * Scale words after the decimals and after another scale word (mut64's findings 1 and 2, fix175),
 * and the readings that stay as they were beside them.
 */
import assert from "node:assert/strict";
import { isNumeralWord, spelledNumbers } from "./spelled_numbers.ts";

/** Each number's value alone. */
function values(text: string): string[] {
  return spelledNumbers(text).map(({ value }) => value);
}

Deno.test("spelledNumbers: a scale word after the decimals scales them ('four point two million')", () => {
  assert.deepEqual(values("four point two million"), ["4200000"]);
  assert.deepEqual(values("one point five billion"), ["1500000000"]);
  // Exact as written: the binary product 4.1 × 10^6 is 4099999.9999999995.
  assert.deepEqual(values("four point one million"), ["4100000"]);
  assert.deepEqual(values("two point five grand"), ["2500"]);
  const [read] = spelledNumbers("raised four point two million quid");
  assert.deepEqual([read!.index, read!.end], [7, 29], "the phrase ends at the scale word");
  assert.deepEqual(values("two point five"), ["2.5"]);
  assert.deepEqual(values("four point two hundred"), ["4.2"], "'hundred' scales no decimal");
  assert.deepEqual(values("four point two, million"), ["4.2"], "a comma ends the phrase");
  assert.deepEqual(values("four point two million five"), ["4200000", "5"]);
});

Deno.test("spelledNumbers: 'point' not after a whole unit or ten is no decimal point", () => {
  assert.deepEqual(values("the point is moot"), []);
  // "point" after a noun is the noun: "two million" is read from "two".
  assert.deepEqual(values("at that point two million left"), ["2000000"]);
  // After "and a half" a second decimal part would make no number (it read "NaN").
  assert.deepEqual(values("two and a half point five"), ["2.5", "5"]);
});

Deno.test("spelledNumbers: a scale word right after a scale word multiplies the group before it", () => {
  assert.deepEqual(values("two thousand million"), ["2000000000"]);
  assert.deepEqual(values("a thousand million"), ["1000000000"]);
  assert.deepEqual(values("a million million"), ["1000000000000"]);
  assert.deepEqual(values("five million two thousand million"), ["2005000000"]);
  assert.deepEqual(values("a hundred thousand"), ["100000"]);
  assert.deepEqual(values("three hundred thousand"), ["300000"]);
  assert.deepEqual(values("one million two hundred thousand"), ["1200000"]);
  assert.deepEqual(values("two thousand hundred"), ["2100"], "'hundred' adds, as before");
});

Deno.test("spelledNumbers: 'zero thousand' is nought, not a thousand (SN-201, SN-202)", () => {
  assert.deepEqual(values("zero thousand"), ["0"]);
  assert.deepEqual(values("zero million quid"), ["0"]);
});

Deno.test("spelledNumbers: 'zero hundred' is nought, and 'zero seven hundred' reads as 'oh seven hundred' (recall116)", () => {
  // The 24-hour clock said aloud: 00:00 is "zero hundred" (hours), none of a hundred.
  assert.deepEqual(values("zero hundred"), ["0"]);
  assert.deepEqual(values("we sail at zero hundred hours"), ["0"]);
  // The hour's leading zero: 07:00 as "oh seven hundred" (700, as "fourteen hundred" is 1400).
  assert.deepEqual(values("at zero seven hundred hours"), ["700"]);
  assert.deepEqual(values("at oh seven hundred hours"), ["700"]);
  assert.deepEqual(values("zero nine hundred"), ["900"]);
  assert.deepEqual(values("fourteen hundred hours"), ["1400"]);
  // Only a unit 1-9 between "zero" and "hundred": other runs are codes, as before.
  for (
    const code of ["zero seven", "zero zero hundred", "zero ten hundred", "zero seven thousand"]
  ) {
    assert.deepEqual(values(code), [], code);
  }
  // "zero" must open the phrase and "hundred" follow at once.
  assert.deepEqual(values("zero seven, hundred"), []);
  assert.deepEqual(values("a hundred"), ["100"]);
  assert.deepEqual(values("one hundred"), ["100"]);
});

Deno.test("isNumeralWord: the words the reader knows, folded; no other", () => {
  for (const word of ["zero", "nineteen", "sixty", "hundred", "thousand", "grand", "billion"]) {
    assert.ok(isNumeralWord(word), word);
  }
  for (const word of ["a", "and", "point", "half", "oh", "hundreds", "Hundred", "trillion"]) {
    assert.ok(!isNumeralWord(word), word);
  }
});
