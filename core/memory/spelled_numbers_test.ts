import assert from "node:assert/strict";
import { NUMERAL_WORDS, spelledNumbers } from "./spelled_numbers.ts";

/** The values `text` spells, with whether each is a compound. */
function values(text: string): [string, boolean][] {
  return spelledNumbers(text).map(({ value, compound }) => [value, compound]);
}

Deno.test("spelledNumbers: compounds of the numerals' grammar, scale words, 'and', a half, a decimal", () => {
  assert.deepEqual(values("about two thousand one hundred on it"), [["2100", true]]);
  assert.deepEqual(values("six hundred and forty quid"), [["640", true]]);
  assert.deepEqual(values("seventy-two cents, seventy two cents"), [["72", true], ["72", true]]);
  assert.deepEqual(values("a grand, a hundred, half a million"), [
    ["1000", true],
    ["100", true],
    ["500000", true],
  ]);
  assert.deepEqual(values("fourteen and a half thousand"), [["14500", true]]);
  assert.deepEqual(values("two and a half hours"), [["2.5", true]]);
  assert.deepEqual(values("renewed at four point two"), [["4.2", true]]);
  assert.deepEqual(values("six point oh five"), [["6.05", true]]);
});

Deno.test("spelledNumbers: a single word is no compound; 'one', 'zero', 'half a pill' are none", () => {
  assert.deepEqual(values("I have two children and one cat"), [["2", false]]);
  assert.deepEqual(values("zero, one, half a pill, a lot"), []);
  assert.deepEqual(values("two, three"), [["2", false], ["3", false]], "a comma ends a phrase");
});

Deno.test("spelledNumbers: two words of one rank in a row are a code or a year, no amount", () => {
  assert.deepEqual(values("unit five oh two, a twenty twenty four Volvo"), []);
  assert.deepEqual(values("unit four eighteen"), []);
});

Deno.test("spelledNumbers: a phrase reads at most NUMERAL_WORDS words", () => {
  assert.equal(NUMERAL_WORDS, 12);
  const long = Array.from({ length: 5_000 }, () => "ninety nine thousand").join(" ");
  const read = spelledNumbers(long);
  assert.ok(read.length > 0);
  for (const number of read) {
    assert.ok(long.slice(number.index, number.end).split(" ").length <= NUMERAL_WORDS);
  }
});
