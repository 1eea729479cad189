import assert from "node:assert/strict";
import { mayStateValue, saidWords, statedValues } from "./stated_values.ts";

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

const OPEN_SETS = ["", "set2", "set4", "set5", "set6", "set9", "set10", "set11", "set12", "set13"]
  .concat(["set14", "set15"]);

/** Every memory text of the open recall sets (facts, updates, distractors; never sets 3, 7, 8). */
function openTexts(): string[] {
  const texts: string[] = [];
  for (const set of OPEN_SETS) {
    const dir = new URL(`../../tests/bench/recall/${set ? set + "/" : ""}`, import.meta.url);
    const facts = JSON.parse(Deno.readTextFileSync(new URL("facts.json", dir)));
    const strings = (value: unknown): void => {
      if (typeof value === "string") texts.push(value);
      else if (Array.isArray(value)) value.forEach(strings);
      else if (typeof value === "object" && value !== null) Object.values(value).forEach(strings);
    };
    strings({ ...facts, about: undefined });
    texts.push(...Deno.readTextFileSync(new URL("distractors.txt", dir)).split("\n"));
  }
  return texts;
}

Deno.test("a text with no digit and no value word states no value, and is not read further", () => {
  // The screen passes every text that states a value, in each way of stating one (cased, a
  // plural day, a possessive, a digit glued to a word, a fold that splits "İ").
  const stating = [
    "on April 2nd",
    "rehearsal's Wednesday nights",
    "swimming on TUESDAYS",
    "the Nineteenth of next month",
    "once a week",
    "x's5 march",
    "İmonday swim",
    "third year of my degree",
  ];
  for (const text of stating) {
    assert.equal(mayStateValue(text.toLowerCase()), true, text);
    assert.notEqual(statedValues(text).length, 0, text);
  }
  // Value words inside other words are no value words ("someone", "fiveish", "sundays2").
  for (const text of ["someone phoned", "a fiveish start", "tentative", "firstly", "Mondayish"]) {
    assert.equal(mayStateValue(text.toLowerCase()), false, text);
  }
  // Never a text it screens out that states a value: every open recall set's memory texts.
  let screened = 0;
  for (const text of openTexts()) {
    const lower = text.toLowerCase();
    if (!mayStateValue(lower)) {
      screened++;
      assert.deepEqual(read(text), [], text);
    }
  }
  assert.ok(screened > 100, `only ${screened} texts screened out`);
  // A screened text's answer is one shared empty list: nothing tokenised, nothing kept per text.
  assert.equal(statedValues("I drive to work"), statedValues("we walk to the shops"));
  assert.ok(Object.isFrozen(statedValues("I drive to work")));
});

Deno.test("which weekday of a month is a day; a month after an ordinal of a unit is its value's", () => {
  assert.deepEqual(read("lunch on the first Friday of the month"), ["day=1 friday"]);
  assert.deepEqual(read("lunch is the 2nd Friday now"), ["day=2 friday"]);
  assert.deepEqual(read("lunch moved to the last Friday"), ["day=last friday"]);
  // Without "the", "last Friday" is the one just gone: a day of the week, no place in a month.
  assert.deepEqual(read("we had lunch last Friday"), ["day=friday"]);
  assert.deepEqual(read("the second weekend of March"), ["ordinal weekend=2 march"]);
  assert.deepEqual(read("the second weekend of the trip"), ["ordinal weekend=2"]);
  // "in" a month as "of" it, but a span no shorter than a month lies in none.
  assert.deepEqual(read("the second weekend in March"), ["ordinal weekend=2 march"]);
  assert.deepEqual(read("my third year in September"), ["ordinal year=3"]);
  // "may" is a month after "of" too: the ordinal's own month, not a date of its own.
  assert.deepEqual(read("the first week of may"), ["ordinal week=1 may"]);
});

Deno.test("a word of time headed by the noun before it names an event, one anchor", () => {
  const anchor = (text: string) => [...statedValues(text)[0]!.anchor];
  assert.deepEqual(anchor("Ada's parents' evening is on Tuesday 4 March"), ["parent even"]);
  assert.deepEqual(anchor("the quiz night is on Thursdays"), ["quiz", "quiz night"]);
  // The value's own word is no noun of the event: "Saturday evening" is a time, not an event.
  const compound = (text: string) => anchor(text).filter((term) => term.includes(" "));
  assert.deepEqual(compound("the choir sings on Saturday evening"), []);
  assert.deepEqual(compound("we eat at seven every evening on Sundays"), []);
  assert.deepEqual(compound("the choir sings on Saturday, then evening prayers"), []);
});

Deno.test("every second (or other) weekday is a rate, not that weekday's place in a month", () => {
  assert.deepEqual(read("Book club meets every second Friday."), ["day=every 2 friday"]);
  assert.deepEqual(read("Book club meets every other Friday."), ["day=every 2 friday"]);
  assert.deepEqual(read("each third Sunday"), ["day=every 3 sunday"]);
  // The second Friday of a month is another value; "every Friday" is every one.
  assert.notDeepEqual(read("every second Friday"), read("the second Friday of the month"));
  assert.deepEqual(read("every Friday"), ["day=friday"]);
  assert.deepEqual(read("the other Friday"), ["day=friday"]);
  // A month after it: the weekday's place in that month (review45b M3).
  assert.deepEqual(read("Book club is every second Tuesday of the month."), ["day=2 tuesday"]);
  assert.deepEqual(read("Choir meets every first Monday of the month."), ["day=1 monday"]);
  assert.deepEqual(read("every second Tuesday of each month"), ["day=2 tuesday"]);
  assert.deepEqual(
    read("every second Tuesday of the month"),
    read("the second Tuesday of the month"),
  );
  assert.deepEqual(read("Bin day is every second Friday in the summer."), ["day=every 2 friday"]);
});
