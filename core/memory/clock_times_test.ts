import assert from "node:assert/strict";
import { placedNumbersOf } from "./placed_numbers.ts";

/** Each number `text` states, as unit and value. */
function read(text: string): [string, string][] {
  return placedNumbersOf(text).numbers.map(({ unit, value }) => [unit, value]);
}

Deno.test("markClockTimes: the 24-hour clock said with its leading zero is a time, whatever comes before", () => {
  assert.deepEqual(read("the boat leaves at zero seven hundred hours"), [["clock", "07:00"]]);
  assert.deepEqual(read("report oh seven hundred hours"), [["clock", "07:00"]]);
  assert.deepEqual(read("muster 0700 hours sharp"), [["clock", "07:00"]]);
  assert.deepEqual(read("muster 0730hrs"), [["clock", "07:30"]]);
  assert.deepEqual(read("we sail zero hundred hours"), [["clock", "00:00"]]);
});

Deno.test("markClockTimes: four digits or 'N hundred' after a preposition of a point in time is a time", () => {
  for (const word of ["at", "by", "from", "until", "till", "before", "after", "since"]) {
    assert.deepEqual(read(`${word} fourteen hundred hours`), [["clock", "14:00"]], word);
    assert.deepEqual(read(`${word} 1830 hours`), [["clock", "18:30"]], word);
  }
});

Deno.test("markClockTimes: hours counted stay an amount of hours", () => {
  // No preposition of a point in time, or one of a duration.
  assert.deepEqual(read("I spent 100 hours on the boat"), [["hour", "100"]]);
  assert.deepEqual(read("I logged 1400 hours"), [["hour", "1400"]]);
  assert.deepEqual(read("for fourteen hundred hours"), [["hour", "1400"]]);
  assert.deepEqual(read("in 1200 hours"), [["hour", "1200"]]);
  assert.deepEqual(read("up to 1200 hours"), [["hour", "1200"]]);
  // A count of something: "hours of".
  assert.deepEqual(read("after 1400 hours of flying"), [["hour", "1400"]]);
  // Not as the clock writes: three digits, or a number not said with "hundred".
  assert.deepEqual(read("at 700 hours of practice"), [["hour", "700"]]);
  assert.deepEqual(read("at 700 hours"), [["hour", "700"]]);
  assert.deepEqual(read("at two thousand hours"), [["hour", "2000"]]);
});

Deno.test("markClockTimes: only what the clock shows, 0000 to 2359 with minutes under 60", () => {
  assert.deepEqual(read("at 2359 hours"), [["clock", "23:59"]]);
  assert.deepEqual(read("at 2400 hours"), [["hour", "2400"]]);
  assert.deepEqual(read("at 0760 hours"), [["hour", "0760"]]);
  assert.deepEqual(read("at twenty four hundred hours"), [["hour", "2400"]]);
  // Another unit is no time of day ("at 0700 metres").
  assert.deepEqual(read("at 0700 metres"), [["metr", "0700"]]);
});
