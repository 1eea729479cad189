import assert from "node:assert/strict";
import { placedNumbersOf } from "./placed_numbers.ts";

// Mutation tests of clock_times.ts (core/memory/HISTORY.md, session 49 mut66).

/** Each number `text` states, as unit and value. */
function read(text: string): [string, string][] {
  return placedNumbersOf(text).numbers.map(({ unit, value }) => [unit, value]);
}

Deno.test("markClockTimes: the word before is read over 12 characters, the longest preposition and six spaces", () => {
  assert.deepEqual(read(`before${" ".repeat(6)}1830 hours`), [["clock", "18:30"]]);
  assert.deepEqual(read(`before${" ".repeat(7)}1830 hours`), [["hour", "1830"]]);
});

Deno.test("markClockTimes: an ordinal of hours is no time", () => {
  assert.deepEqual(read("at 1400th hours"), [["hour", "1400"]]);
});

Deno.test("markClockTimes: a number said with 'hundred' is a time only with 'hundred' last", () => {
  assert.deepEqual(read("at fourteen hundred and five hours"), [["hour", "1405"]]);
});

Deno.test("markClockTimes: 'of' after the unit is a count only as a whole word", () => {
  assert.deepEqual(read("we meet at 1800 hours officially"), [["clock", "18:00"]]);
});
