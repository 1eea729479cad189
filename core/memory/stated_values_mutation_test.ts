import assert from "node:assert/strict";
import { statedValues } from "./stated_values.ts";

const read = (text: string) => statedValues(text).map((value) => `${value.type}=${value.value}`);
const anchors = (text: string) => statedValues(text).map((value) => [...value.anchor]);

Deno.test("a rate counts once, twice and thrice as 1, 2 and 3", () => {
  assert.deepEqual(read("once a day"), ["rate day=1"]);
  assert.deepEqual(read("thrice a week"), ["rate week=3"]);
  assert.deepEqual(read("3 times a month"), ["rate month=3"]);
  // A count in digits has one to three of them.
  assert.deepEqual(read("999 times a year"), ["rate year=999"]);
  assert.deepEqual(read("1000 times a year"), []);
});

Deno.test("a sentence ends at a full stop, an exclamation or a question mark: its nouns anchor none of the next one's values", () => {
  for (const mark of [".", "!", "?"]) {
    const text = `I love the piano${mark} Lessons on Thursdays`;
    assert.deepEqual(anchors(text), [["lesson"]], text);
  }
});

Deno.test("a sentence of one word is read, and every sentence after the first", () => {
  assert.deepEqual(read("Lessons moved. Thursdays. Bring shoes."), ["day=thursday"]);
  assert.deepEqual(read("Lessons moved. Thursdays"), ["day=thursday"]);
  assert.deepEqual(read("We moved. Swimming is on Tuesdays. Piano is twice a week"), [
    "day=tuesday",
    "rate week=2",
  ]);
});

Deno.test("a day of a month runs from 1 to 31", () => {
  assert.deepEqual(read("on 1 march"), ["date=1 march"]);
  assert.deepEqual(read("the first of June"), ["date=1 june"]);
  assert.deepEqual(read("on 31 march"), ["date=31 march"]);
  assert.deepEqual(read("on 0 march"), []);
});

Deno.test('a possessor is a word in "\'s", not another contraction', () => {
  const [possessed] = statedValues("Tobi's class is on Tuesdays");
  assert.deepEqual(possessed!.persons, ["tobi"]);
  const [contracted] = statedValues("Tobi'll swim on Tuesdays");
  assert.deepEqual(contracted!.persons, []);
});

Deno.test('a date takes its day and month (and an "of") out of its clause\'s words: a clause of a date alone is anchored by the one before', () => {
  assert.deepEqual(anchors("the exam for criminology, on 12 march"), [["exam", "criminolog"]]);
  assert.deepEqual(anchors("the exam for criminology, on 12 of march"), [["exam", "criminolog"]]);
  assert.deepEqual(anchors("the exam for criminology, on March 12th"), [["exam", "criminolog"]]);
  assert.deepEqual(anchors("the exam for criminology, the 12th of next month"), [[
    "exam",
    "criminolog",
  ]]);
  assert.deepEqual(anchors("the 12th of next month recital"), [["recit"]]);
  // The word after the month stays a word of the clause.
  assert.deepEqual(anchors("12 march appointment with the dentist"), [["appoint", "dentist"]]);
});

Deno.test("the values after a date are read from the word after its month", () => {
  assert.deepEqual(read("from 12 of march, 3 times a day"), ["date=12 march", "rate day=3"]);
  assert.deepEqual(read("from 2 april, twice a day"), ["date=2 april", "rate day=2"]);
  assert.deepEqual(read("on April 2nd, twice a day"), ["date=2 april", "rate day=2"]);
  assert.deepEqual(read("from the 2nd of next month, twice a day"), [
    "date=2 next month",
    "rate day=2",
  ]);
});

Deno.test("an ordinal in digits has one or two of them", () => {
  assert.deepEqual(read("in my 12th year"), ["ordinal year=12"]);
  assert.deepEqual(read("in my 100th year"), []);
});

Deno.test('a rate is a count, a word of "per" and a period, and its span is taken out of its clause', () => {
  assert.deepEqual(read("one big day"), []);
  assert.deepEqual(anchors("the iron tablets, twice a day"), [["iron", "tablet"]]);
  assert.deepEqual(anchors("the iron tablets, 3 times a day"), [["iron", "tablet"]]);
  assert.deepEqual(anchors("twice a day tablets"), [["tablet"]]);
});

Deno.test("a number written with a leading zero is read as its value (a '0' opens it)", () => {
  assert.deepEqual(read("the party is on 05 march"), ["date=5 march"]);
  assert.deepEqual(read("we live on the 03rd floor"), ["ordinal floor=3"]);
  assert.deepEqual(read("I swim 07 times a week"), ["rate week=7"]);
});
