/**
 * Pins of number_joins.ts that mutation testing (mut64) found loose: `scaled` with a multiplier
 * of 1 and 15 significant digits, "between … and" over runs of spaces and at the text's start
 * (its 10-character look back), an ordinal second end, a level pair, two currencies, a date's
 * dash right before the first end, and a clock reading only of a bare number.
 */
import assert from "node:assert/strict";
import { scaled } from "./number_joins.ts";
import { placedPairs as read } from "./testing/placed_pairs.ts";

Deno.test("scaled: a multiplier of 1 leaves the amount as it is; another multiplies, to 15 significant digits", () => {
  assert.equal(scaled(12_345_678_901_234_567, 1), 12_345_678_901_234_567);
  assert.equal(scaled(1.5, 2), 3);
  assert.equal(scaled(1.23456789012345, 1_000), 1234.56789012345);
});

Deno.test("asRange: 'between … and' over runs of spaces", () => {
  assert.deepEqual(read("between  5 and 6 hours"), [["hour", "5-6"]]);
  assert.deepEqual(read("between 5  and 6 hours"), [["hour", "5-6"]]);
  assert.deepEqual(read("between 5 and  6 hours"), [["hour", "5-6"]]);
});

Deno.test("asRange: 'between' needs a space before the first end, and 'and' between the two", () => {
  assert.deepEqual(read("a fee between£5 and £6"), [["pound", "5"], ["pound", "6"]]);
  assert.deepEqual(read("between 5 or 6 hours"), [["", "5"], ["hour", "6"]]);
});

Deno.test("asRange: 'between' is looked for within the 10 characters before the first end, at the text's start too", () => {
  assert.deepEqual(read("between 5 and 6 hours"), [["hour", "5-6"]]);
  // "between" and three spaces fill the ten characters; a fourth space puts it out of reach.
  assert.deepEqual(read("between   5 and 6 hours"), [["hour", "5-6"]]);
  assert.deepEqual(read("between    5 and 6 hours"), [["", "5"], ["hour", "6"]]);
});

Deno.test("asRange: no range to an ordinal, of one level, of two currencies, or after a date's dash", () => {
  assert.deepEqual(read("the 3-4th floor"), [["", "3"], ["floor", "4"]]);
  assert.deepEqual(read("5-5 days"), [["", "5"], ["dai", "5"]]);
  assert.deepEqual(read("£5-$6"), [["pound", "5"], ["dollar", "6"]]);
  assert.deepEqual(read("£5-£6"), [["pound", "5-6"]]);
  assert.deepEqual(read("5-3-4"), [["", "5"], ["", "3"], ["", "4"]]);
  assert.deepEqual(read("07-08-2026"), [["", "07"], ["", "08"], ["", "2026"]]);
});

Deno.test("joinClockReadings: digits with a unit stuck to them are no clock's first field", () => {
  assert.deepEqual(read("80kg:30"), [["kilo", "80"], ["", "30"]]);
});
