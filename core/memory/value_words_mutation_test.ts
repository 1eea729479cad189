import assert from "node:assert/strict";
import {
  CALENDAR,
  COUNT_WORDS,
  COUNTS,
  MONTHS,
  ORDINAL_WORDS,
  ORDINALS,
  PER,
  PERIODS,
  WEEKDAYS,
} from "./value_words.ts";
import { statedValues } from "./stated_values.ts";

Deno.test("value_words: the closed classes, every word in order", () => {
  assert.deepEqual([...WEEKDAYS], [
    ..."monday tuesday wednesday thursday friday saturday sunday".split(" "),
  ]);
  assert.deepEqual([...MONTHS], [
    ..."january february march april may june july august september october".split(" "),
    "november",
    "december",
  ]);
  assert.deepEqual(ORDINAL_WORDS, [
    ..."first second third fourth fifth sixth seventh eighth ninth tenth".split(" "),
    ..."eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth".split(" "),
    ..."eighteenth nineteenth twentieth".split(" "),
  ]);
  assert.deepEqual(COUNT_WORDS, "one two three four five six seven eight nine ten".split(" "));
  assert.deepEqual([...PERIODS], "day week month night year fortnight".split(" "));
  assert.deepEqual([...PER], ["a", "an", "per", "every", "each"]);
  assert.deepEqual([...CALENDAR], ["term", "terms", "semester", "semesters"]);
});

Deno.test("value_words: each ordinal and count word's number", () => {
  assert.deepEqual([...ORDINALS], ORDINAL_WORDS.map((word, i) => [word, i + 1]));
  assert.deepEqual([...COUNTS], [
    ...COUNT_WORDS.map((word, i) => [word, i + 1]),
    ["once", 1],
    ["twice", 2],
    ["thrice", 3],
  ]);
});

Deno.test("statedValues: a date of each month and a day of each weekday", () => {
  for (const month of MONTHS) {
    assert.deepEqual(statedValues(`the party is on 2 ${month}`).map((value) => value.value), [
      `2 ${month}`,
    ]);
  }
  for (const day of WEEKDAYS) {
    assert.deepEqual(statedValues(`choir is on ${day}s`).map((value) => value.value), [day]);
  }
});
