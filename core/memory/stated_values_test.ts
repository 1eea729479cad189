import assert from "node:assert/strict";
import { saidWords, statedValues } from "./stated_values.ts";

const read = (text: string) => statedValues(text).map((value) => `${value.type}=${value.value}`);

Deno.test("values are read by type: dates, days of the week, ordinals of a unit, rates", () => {
  assert.deepEqual(read("The operation is on 12 of March"), ["date=12 march"]);
  assert.deepEqual(read("moved to 2 april"), ["date=2 april"]);
  assert.deepEqual(read("on April 2nd"), ["date=2 april"]);
  assert.deepEqual(read("the second of December"), ["date=2 december"]);
  assert.deepEqual(read("on the nineteenth of next month"), ["date=19 next month"]);
  assert.deepEqual(read("rehearsal's Wednesday nights"), ["day=wednesday"]);
  assert.deepEqual(read("swimming on Tuesdays"), ["day=tuesday"]);
  assert.deepEqual(read("third year of my degree"), ["ordinal year=3"]);
  assert.deepEqual(read("in my 2nd year"), ["ordinal year=2"]);
  assert.deepEqual(read("one tablet, twice a day"), ["rate day=2"]);
  assert.deepEqual(read("three times a week"), ["rate week=3"]);
  assert.deepEqual(read("one a day"), ["rate day=1"]);
  // "may" alone is a verb, not a month: no date.
  assert.deepEqual(read("I may 2 go"), []);
  assert.deepEqual(read("32 march"), []);
  assert.deepEqual(read("I drive to work"), []);
});

Deno.test("a value's anchor: the nouns of its clause, their compounds, its persons, an addition", () => {
  const [value] = statedValues("my daughter's piano lesson is also on Thursdays, at the school");
  assert.deepEqual([...value!.anchor], ["piano", "lesson"]);
  assert.deepEqual([...value!.modifiers], [["piano", ["lesson"]], ["lesson", ["piano"]]]);
  assert.deepEqual([...value!.heads], [["piano", "lesson"]]);
  assert.deepEqual(value!.persons, ["daughter"]);
  assert.equal(value!.additive, true);
  assert.deepEqual([...saidWords("Lessons, twice")], ["lessons", "lesson", "twice"]);
});
