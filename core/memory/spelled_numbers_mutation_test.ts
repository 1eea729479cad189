/**
 * Pins of spelled_numbers.ts that mutation testing (mut64) found loose: "billion", the decimal
 * digits, the 200-character window, a unit after a ten, "hundred" after less than a hundred,
 * "and" and "and a half" inside a phrase, "point", the NUMERAL_WORDS bound on a phrase, a run of
 * digits said one by one and decimals, and where each phrase ends.
 */
import assert from "node:assert/strict";
import { NUMERAL_WORDS, spelledNumbers } from "./spelled_numbers.ts";

/** Each number `text` spells: [value, compound, index, end]. */
function spelled(text: string): [string, boolean, number, number][] {
  return spelledNumbers(text).map((
    { value, compound, index, end },
  ) => [value, compound, index, end]);
}

/** Each number's value alone. */
function values(text: string): string[] {
  return spelledNumbers(text).map(({ value }) => value);
}

Deno.test("spelledNumbers: a billion; the decimal digits are zero to nine", () => {
  assert.deepEqual(spelled("two billion"), [["2000000000", true, 0, 11]]);
  assert.deepEqual(spelled("four point nine"), [["4.9", true, 0, 15]]);
  assert.deepEqual(spelled("four point ten"), [["4", false, 0, 4], ["10", false, 11, 14]]);
});

Deno.test("spelledNumbers: a phrase's words are read within 200 characters of its start", () => {
  assert.deepEqual(spelled(`twenty${" ".repeat(190)}five`), [["25", true, 0, 200]]);
  assert.deepEqual(spelled(`twenty${" ".repeat(191)}five`), [
    ["20", false, 0, 6],
    ["5", false, 197, 201],
  ]);
});

Deno.test("spelledNumbers: a start that reads no number ('one' alone) does not stop the reading", () => {
  assert.deepEqual(values("one cat and two dogs"), ["2"]);
});

Deno.test("spelledNumbers: after a ten only a unit of one to nine joins it; 'ten' is no ten", () => {
  assert.deepEqual(values("twenty one"), ["21"]);
  assert.deepEqual(values("twenty zero"), []);
  assert.deepEqual(values("twenty ten"), []);
  assert.deepEqual(values("twenty fifteen"), []);
  assert.deepEqual(values("ten five"), []);
});

Deno.test("spelledNumbers: 'oh' after a hundred is no digit said aloud", () => {
  assert.deepEqual(values("two hundred oh five"), ["200", "5"]);
});

Deno.test("spelledNumbers: 'hundred' multiplies less than a hundred, or one after a scale word, once", () => {
  assert.deepEqual(values("ninety nine hundred"), ["9900"]);
  assert.deepEqual(values("a hundred and fifty hundred"), ["150"]);
  assert.deepEqual(values("two hundred hundred"), ["200"]);
  assert.deepEqual(values("two thousand hundred"), ["2100"]);
});

Deno.test("spelledNumbers: 'and' joins only a numeral word after a hundred or a scale", () => {
  assert.deepEqual(spelled("two hundred and"), [["200", true, 0, 11]]);
  assert.deepEqual(values("two hundred and, fifty"), ["200", "50"]);
  assert.deepEqual(values("twenty and five"), ["20", "5"]);
  assert.deepEqual(values("two and three"), ["2", "3"]);
});

Deno.test("spelledNumbers: 'and a half' is three joined words, read to 'half', and leaves a unit's rank", () => {
  assert.deepEqual(spelled("two and a half hours"), [["2.5", true, 0, 14]]);
  assert.deepEqual(values("two and a bit"), ["2"]);
  assert.deepEqual(values("two and a, half"), ["2"]);
  assert.deepEqual(values("twenty and a half five"), [], "two units in a row: a code");
});

Deno.test("spelledNumbers: 'point' after a unit or a ten only, then digits joined to it", () => {
  assert.deepEqual(spelled("four point two"), [["4.2", true, 0, 14]]);
  assert.deepEqual(values("two hundred point five"), ["200", "5"]);
  assert.deepEqual(values("four point blank"), ["4"]);
  assert.deepEqual(values("four point two twenty"), ["4.2", "20"]);
  assert.deepEqual(values("four point two, five"), ["4.2", "5"]);
  assert.deepEqual(values("four point two quid"), ["4.2"]);
});

Deno.test("spelledNumbers: a phrase takes NUMERAL_WORDS words, 'and' and 'and a half' counted", () => {
  assert.equal(NUMERAL_WORDS, 12);
  assert.deepEqual(
    values("one million two hundred and thirty four thousand five hundred and sixty seven"),
    ["1234560", "7"],
    "'seven' is the thirteenth word",
  );
  // Nine words, then "and a half": twelve, so "million" is not read.
  const [twelve] = spelledNumbers(
    "one hundred twenty one thousand three hundred and five and a half million",
  );
  assert.equal(twelve!.end, 65);
  // Eight words, then "and a half": eleven, so "thousand" is read.
  const [eleven] = spelledNumbers(
    "one hundred twenty one thousand three hundred five and a half thousand",
  );
  assert.equal(eleven!.end, 70);
});

Deno.test("spelledNumbers: a run of digits said one by one is skipped NUMERAL_WORDS words at most, and only while joined", () => {
  assert.deepEqual(
    spelled("one two three four five six seven eight nine one two three four five"),
    [["5", false, 64, 68]],
  );
  assert.deepEqual(values("five oh two, three"), ["3"]);
});

Deno.test("spelledNumbers: a decimal part takes NUMERAL_WORDS digits at most", () => {
  assert.deepEqual(spelled("one point two two two two two two two two two two two two five"), [
    ["1.222222222222", true, 0, 57],
    ["5", false, 58, 62],
  ]);
});
