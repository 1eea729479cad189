/**
 * Pins of placed_numbers.ts that mutation testing (mut64) found loose: the thousands groups, the
 * "mn" multiplier, letters stuck to money that are no multiplier, the ordinal and unit-word flags,
 * the words read after a number in words (runs of spaces, "per", the 40-character window), the
 * "to" that reaches a number (REACHED_SPAN, at the text's start), "a thousand" with a run of
 * spaces, numbers in names, and the readings of numbers in words as one end of a range.
 */
import assert from "node:assert/strict";
import { placedNumbersOf, REACHED_SPAN } from "./placed_numbers.ts";
import { placedPairs as read } from "./testing/placed_pairs.ts";

Deno.test("placedNumbersOf: thousands groups of one to three digits, then threes; four digits before a comma are a decimal", () => {
  assert.deepEqual(read("paid 105,000 for it"), [["", "105000"]]);
  assert.deepEqual(read("it was 1234,567 in all"), [["", "1234.567"]]);
});

Deno.test("placedNumbersOf: 'mn' stuck to money is a million; other letters stuck to it scale nothing", () => {
  assert.deepEqual(read("raised $2mn"), [["dollar", "2000000"]]);
  assert.deepEqual(read("£5ish"), [["pound", "5"]]);
});

Deno.test("placedNumbersOf: an ordinal ending then a word is an ordinal; letters past the ending are none", () => {
  const [floor] = placedNumbersOf("the 4th floor").numbers;
  assert.equal(floor!.unit, "floor");
  assert.equal(floor!.ordinal, true);
  const [fifths] = placedNumbersOf("the 5ths").numbers;
  assert.equal(fifths!.ordinal, false);
});

Deno.test("placedNumbersOf: a unit word after the digits is a unit word; letters stuck to them are not", () => {
  const [minutes, kilos] = placedNumbersOf("52 minutes and 80kg").numbers;
  assert.deepEqual([minutes!.unit, minutes!.unitWord], ["minut", true]);
  assert.deepEqual([kilos!.unit, kilos!.unitWord], ["kilo", false]);
});

Deno.test("placedNumbersOf: a number in words reads its unit and a rate over runs of spaces, and 'per'", () => {
  assert.deepEqual(read("fifty  quid"), [["pound", "50"]]);
  assert.deepEqual(read("three days  a week"), [["dai", "3"]]);
  assert.deepEqual(read("three days a  week"), [["dai", "3"]]);
  assert.deepEqual(read("three days per week"), [["dai", "3"]]);
});

Deno.test("placedNumbersOf: the unit after a number in words is read within 40 characters", () => {
  // 36 spaces and "quid" end at the 40th character; one space more cuts the word.
  assert.deepEqual(read(`fifty${" ".repeat(36)}quid`), [["pound", "50"]]);
  assert.deepEqual(read(`fifty${" ".repeat(37)}quid`), []);
});

Deno.test("placedNumbersOf: 'to' reaches a number within REACHED_SPAN characters, at the text's start too", () => {
  assert.equal(REACHED_SPAN, 12);
  // "to" and ten spaces fill the twelve characters; an eleventh space puts "to" out of reach.
  assert.deepEqual(read(`up to${" ".repeat(10)}sixty`), [["", "60"]]);
  assert.deepEqual(read(`up to${" ".repeat(11)}sixty`), []);
  assert.deepEqual(read("to sixty, then it dropped again over the long weekend"), [["", "60"]]);
});

Deno.test("placedNumbersOf: 'a' over a run of spaces before a scale word is still one word's hyperbole", () => {
  assert.deepEqual(read("a  thousand times"), []);
});

Deno.test("placedNumbersOf: a numeral phrase is a name when every word after its first is capitalised", () => {
  assert.deepEqual(read("I love twenty One Pilots"), []);
  assert.deepEqual(read("It cost two Hundred and fifty quid"), [["pound", "250"]]);
  assert.deepEqual(read("Twenty One Pilots tickets cost sixty quid"), [["pound", "60"]]);
});

Deno.test("placedNumbersOf: a number in words is a unit word, no ordinal, and readings come in text order", () => {
  const [fifty] = placedNumbersOf("fifty bucks").numbers;
  assert.deepEqual([fifty!.unitWord, fifty!.ordinal], [true, false]);
  assert.deepEqual(read("it rose to sixty, then £30 and 20 quid"), [
    ["", "60"],
    ["pound", "30"],
    ["pound", "20"],
  ]);
});

Deno.test("placedNumbersOf: a number in words as one end of a range has no currency nor multiplier of its own", () => {
  assert.deepEqual(read("went up to fifty-60 quid"), [["pound", "50-60"]]);
  assert.deepEqual(read("went up to fifty-£60k"), [["pound", "50000-60000"]]);
  assert.deepEqual(read("£40-fifty quid"), [["pound", "40-50"]]);
});
