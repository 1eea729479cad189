import assert from "node:assert/strict";
import { asksWhen, namesTime, opensWithTime, TIME_ANCHORS, TIME_WORDS } from "./time_words.ts";

Deno.test("a when question: opening with when, what or which unit of time, how long", () => {
  assert.ok(asksWhen("When did Hanna and I marry?"));
  assert.ok(asksWhen("when's my dentist appointment"), "any case, a contraction");
  assert.ok(asksWhen("What year did we move to Ghent?"));
  assert.ok(asksWhen("Which day do I see my therapist?"));
  assert.ok(asksWhen("Which days do I swim?"), "a plural unit");
  assert.ok(asksWhen("How long have I played the cello?"));
  assert.ok(!asksWhen("What do I do when it rains?"), "a clause inside the sentence");
  assert.ok(!asksWhen("Where do we live?"));
  assert.ok(!asksWhen("What car do I drive?"));
  assert.ok(!asksWhen("How are Oskar's restaurant and the bakery doing?"));
});

Deno.test("a memory says when: a word of time, an anchor, a year or a time of the clock", () => {
  for (const word of ["june", "sunday", "autumn", "evening", "year", "today", "birthday"]) {
    assert.ok(TIME_WORDS.has(word), word);
  }
  assert.deepEqual([...TIME_ANCHORS].sort(), ["ago", "during", "since", "till", "until", "when"]);
  assert.ok(namesTime("I play the cello on Thursday evenings."), "a day, a plural part of day");
  assert.ok(namesTime("I bake sourdough every Sunday."));
  assert.ok(namesTime("I donate blood every four months."), "a unit");
  assert.ok(namesTime("I've needed reading glasses since I turned forty."), "an anchor");
  assert.ok(namesTime("I broke my wrist two winters ago."));
  assert.ok(namesTime("I had my appendix removed when I was twelve."));
  assert.ok(namesTime("Hanna and I got married in a barn near Ypres in 2014."), "a year");
  assert.ok(namesTime("The train leaves at 7:30."), "a clock time");
  assert.ok(namesTime("I wake up at 6 am"));
  assert.ok(!namesTime("I collect antique maps of Flanders."));
  assert.ok(!namesTime("My sister is a doctor in Leeds."));
  assert.ok(!namesTime("I own 3 cats and 12 books."), "numbers that are no year");
  assert.ok(!namesTime("Mayday is a distress call"), "whole words only");
});

Deno.test("a time expression opens words: when, not what (review40 R2)", () => {
  const opens = (text: string) => opensWithTime(text.split(" "));
  for (const text of ["yesterday", "this month", "last week at the farm", "two weeks ago"]) {
    assert.ok(opens(text), text);
  }
  for (const text of ["overnight", "tonight", "every sunday", "12 years ago", "a few days later"]) {
    assert.ok(opens(text), text);
  }
  for (
    const text of ["dinner", "a cake", "this car", "two cakes", "christmas", "her birthday", ""]
  ) {
    assert.ok(!opens(text), text);
  }
});
