import assert from "node:assert/strict";
import {
  isMoney,
  numbersOf,
  reachedNumbersOf,
  reachedUnit,
  reachesNewValue,
  statesNewNumber,
} from "./new_numbers.ts";

/** `numbersOf` as plain entries, to compare. */
function entries(text: string): [string, string[]][] {
  return [...numbersOf(text)].map(([unit, values]) => [unit, [...values]]);
}

Deno.test("numbersOf: numbers in digits by their unit, the stemmed word right after", () => {
  assert.deepEqual(entries("The rent went from 900 to 1,050 euros."), [
    ["", ["900"]],
    ["euro", ["1050"]],
  ]);
  assert.deepEqual(entries("I ran it in 4 hours 10 minutes, then 1 hour."), [
    ["hour", ["4", "1"]],
    ["minut", ["10"]],
  ]);
  assert.deepEqual(entries("I have worked there since 2019."), [["", ["2019"]]], "no unit");
  assert.deepEqual(entries("I have two children and three cats."), [], "number words");
  assert.deepEqual(entries("We live on the 4th floor, a 6-year lease."), [
    ["floor", ["4"]],
    ["year", ["6"]],
  ]);
});

Deno.test("numbersOf: digits after letters are a code, letters after digits a unit, a decimal part stays one", () => {
  assert.deepEqual(entries("Seat B2, an iPhone11, A4 paper."), [], "digits after letters: codes");
  assert.deepEqual(entries("Flat 3B, my 10k, 80kg, 52 mins."), [
    ["b", ["3"]],
    ["thousand", ["10"]],
    ["kilo", ["80"]],
    ["minut", ["52"]],
  ], "letters right after: the unit, abbreviations as their word");
  assert.deepEqual(entries("It took 1.5 hours, not 15 hours."), [["hour", ["1.5", "15"]]]);
  assert.deepEqual(entries("It took 2,5 days."), [["dai", ["2.5"]]], "a decimal comma");
  assert.deepEqual(entries("Version 1.2.3 is out."), [["", ["1.2.3"]]], "kept as written");
});

Deno.test("statesNewNumber: a new value for a unit the older gave a number", () => {
  assert.ok(statesNewNumber("My best 10k time is 52 minutes.", "I ran a 10k in 47 minutes."));
  assert.ok(statesNewNumber("My resting pulse is 72 beats.", "My pulse is down to 58 beats."));
  assert.ok(statesNewNumber("The rent is 900 euros.", "The rent is now 1,050 euros."));
  assert.ok(statesNewNumber("It takes 1.5 hours.", "It takes 15 hours."), "1.5 is not 15");
  assert.ok(!statesNewNumber("I ran 10 miles today.", "I ran 10 miles again."), "the same value");
  assert.ok(!statesNewNumber("I weigh a lot.", "I weigh 80 kilos."), "the older states none");
  assert.ok(!statesNewNumber("I weigh 92 kilos.", "I lost a lot of weight."), "the newer none");
  assert.ok(statesNewNumber("I weigh 92 kilos.", "I weigh ninety kilos."), "an amount in words");
  assert.ok(!statesNewNumber("I weigh 90 kilos.", "I weigh ninety kilos."), "the same in words");
  assert.ok(statesNewNumber(numbersOf("Rent: 900."), numbersOf("Rent: 900, parking 80.")));
  // No unit on one side (a stop word is none): a new value if both are years or neither is.
  assert.ok(statesNewNumber("I am 34 years old.", "I turned 35 in May."));
  assert.ok(statesNewNumber("My rent is 900 a month.", "My rent is 1,050 euros."));
  assert.ok(!statesNewNumber("I moved here in 2015.", "I have 2 cats."), "a year, a count");
});

Deno.test("statesNewNumber: a number of another unit is no new value (the reviewer's false pairs)", () => {
  const pairs: [string, string][] = [
    [
      "I have worked as a nurse at the city hospital since 2019.",
      "I work 3 night shifts a week at the city hospital.",
    ],
    [
      "My piano lesson is every Tuesday at 5 pm.",
      "My piano teacher charges 40 euros for a lesson.",
    ],
    ["My sister Ana was born in 1990.", "My sister Ana has 2 kids and lives in Porto."],
    ["We live in flat 3B on the 4th floor.", "Our flat 3B has a balcony of 6 square meters."],
    ["My daughter Mila is 4 years old.", "My daughter Mila's class has 20 children."],
  ];
  for (const [older, newer] of pairs) assert.ok(!statesNewNumber(older, newer), newer);
});

Deno.test('reachedNumbersOf: only numbers a change reached, "to" right before them', () => {
  const reached = (text: string) =>
    [...reachedNumbersOf(text)].map(([unit, values]) => [unit, [...values]]);
  assert.deepEqual(reached("They raised the rent from 900 to 1,050 euros."), [["euro", ["1050"]]]);
  assert.deepEqual(reached("I'm down to  80 kilograms."), [["kilo", ["80"]]], "spaces after");
  assert.deepEqual(reached("To 3 friends: thanks."), [["friend", ["3"]]], "opening the text");
  assert.deepEqual(reached("I walked 12 km to the lake."), [], '"to" after the number');
  assert.deepEqual(reached("Go into 4 rooms, onto 2 roofs."), [], '"to" ending a word');
});

Deno.test("reachesNewValue: a change to a new value of a unit the older measured", () => {
  assert.ok(reachesNewValue("I weigh 92 kilos.", "After a year I'm down to 80 kilograms."));
  assert.ok(
    reachesNewValue("Our rent is 900 euros.", "The landlord raised the rent to 1,050 euros."),
  );
  assert.ok(!reachesNewValue("I weigh 92 kilos.", "I weigh 80 kilograms now."), 'no "to"');
  assert.ok(!reachesNewValue("I weigh 92 kilos.", "I'm back to 92 kilos."), "the same value");
  assert.ok(!reachesNewValue("I weigh 92 kilos.", "I ran up to 10 km."), "another unit");
  assert.ok(!reachesNewValue("I am 34.", "I turned to 35 candles."), "no unit on the older side");
  assert.ok(!reachesNewValue("We had 2 cats.", "We went down to 1."), "no unit on the newer side");
});

Deno.test("numbersOf: a currency before an amount is its unit, whatever word follows", () => {
  assert.deepEqual(entries("rent is £475 a month each plus bills"), [["pound", ["475"]]]);
  assert.deepEqual(entries("I charge $140, about €130"), [["dollar", ["140"]], ["euro", ["130"]]]);
  assert.deepEqual(entries("each member contributes KSh 10,000 monthly"), [["shill", ["10000"]]]);
  assert.deepEqual(entries("1,050 euros"), [["euro", ["1050"]]], "a currency named after");
  // A currency's code after the amount, as before it (review46b L1).
  assert.deepEqual(entries("rent 800 GBP a month"), [["pound", ["800"]]]);
  assert.deepEqual(entries("rent GBP 800 a month"), [["pound", ["800"]]]);
  assert.deepEqual(entries("fee 40 chf"), [["franc", ["40"]]]);
  // "up to £520": "to" before the currency reaches the amount.
  const reached = reachedNumbersOf("landlord put the rent up to £520 a month each from june");
  assert.deepEqual([...reached.get("pound") ?? []], ["520"]);
});

Deno.test("reachedUnit: a measure's unit before a currency's; isMoney", () => {
  assert.equal(reachedUnit("rent is £475 a month", "the rent went up to £520"), "pound");
  assert.equal(
    reachedUnit("I weigh 92 kilos, £40 a week on food", "down to 80 kg, to £50"),
    "kilo",
  );
  assert.equal(reachedUnit("rent is £475 a month", "the rent is £475"), undefined);
  assert.ok(isMoney("pound") && isMoney("dollar") && isMoney("shill") && isMoney("₩"));
  assert.ok(!isMoney("kilo") && !isMoney(""));
});
