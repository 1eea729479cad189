import assert from "node:assert/strict";
import { placedPairs as read } from "./testing/placed_pairs.ts";
import { statesNewNumber } from "./new_numbers.ts";

Deno.test("placedNumbersOf: a multiplier stuck to an amount of money scales it; '10k' alone is a unit", () => {
  assert.deepEqual(read("offered £45k, the house is $1.2m, debt £2bn"), [
    ["pound", "45000"],
    ["dollar", "1200000"],
    ["pound", "2000000000"],
  ]);
  assert.deepEqual(read("ran a 10k in 47 minutes"), [["thousand", "10"], ["minut", "47"]]);
});

Deno.test("placedNumbersOf: '%' after the digits is the unit percent", () => {
  assert.deepEqual(read("2yr fix @ 1.89%"), [["year", "2"], ["percent", "1.89"]]);
});

Deno.test("placedNumbersOf: amounts in words, a single word beside a unit or a rate, a compound with a unit, any after 'to'", () => {
  assert.deepEqual(read("Barclaycard's down to six hundred and forty quid"), [["pound", "640"]]);
  assert.deepEqual(read("my step goal is eight thousand, a thirty six hour reset"), [
    ["hour", "36"],
  ], "a compound with a unit; none bare");
  assert.deepEqual(read("stop pay fifty bucks a stop, I weigh ninety kilos"), [
    ["dollar", "50"],
    ["kilo", "90"],
  ]);
  assert.deepEqual(read("stop pay went up to sixty"), [["", "60"]]);
  assert.deepEqual(read("four days a week"), [["dai", "4"]]);
  assert.deepEqual(read("I have two children and three cats."), [], "counts of things");
  assert.deepEqual(read("metformin two times a day"), [], "a frequency: stated_values reads it");
});

Deno.test("placedNumbersOf: a rising pair joined by a dash, or 'between … and', is one range", () => {
  assert.deepEqual(read("salary £40-45k"), [["pound", "40000-45000"]]);
  assert.deepEqual(read("3-4 days off, between 5 and 6 hours"), [["dai", "3-4"], [
    "hour",
    "5-6",
  ]]);
  assert.deepEqual(read("from 900 to 1,050 euros"), [["", "900"], ["euro", "1050"]], "a change");
  assert.deepEqual(read("lunch shifts 11-3"), [["", "11"], ["", "3"]], "falling: no range");
  assert.deepEqual(read("checkup 2026-07-08"), [["", "2026"], ["", "07"], ["", "08"]], "a date");
});

Deno.test("placedNumbersOf: digits joined by ':' to two digits are one clock reading", () => {
  assert.deepEqual(read("parkrun PB 27:52, half in 1:45:10"), [
    ["clock", "27:52"],
    ["clock", "1:45:10"],
  ]);
  assert.deepEqual(read("Thursdays at 6:30 pm, the 5:40 slot"), [["pm", "6:30"], ["slot", "5:40"]]);
  assert.deepEqual(read("ratio 3:1"), [["", "3"], ["", "1"]], "one digit after: no clock");
});

Deno.test("placedNumbersOf: a multiplier scales exactly as the written decimal (review47b M3)", () => {
  assert.deepEqual(read("house £4.1m, flat £8.2m, loan $2.05m, fund £1.07bn, bonus £2.01k"), [
    ["pound", "4100000"],
    ["pound", "8200000"],
    ["dollar", "2050000"],
    ["pound", "1070000000"],
    ["pound", "2010"],
  ]);
  assert.deepEqual(read("offers £4.1-8.2k"), [["pound", "4100-8200"]]);
  // The same amount written out is no new value.
  assert.ok(!statesNewNumber("On the market at £4.1m", "On the market at £4,100,000"));
});

Deno.test("placedNumbersOf: a multiplier on a money range's second end scales both (review47b M2)", () => {
  assert.deepEqual(read("budget £1.1-1.3m, offers £40k-45k, fee $2-3bn"), [
    ["pound", "1100000-1300000"],
    ["pound", "40000-45000"],
    ["dollar", "2000000000-3000000000"],
  ]);
  // No currency: no money to scale, "1.3m" and "10k" are read as before.
  assert.deepEqual(read("waves 1.1-1.3m, ran 5-10k"), [["", "1.1-1.3"], ["thousand", "5-10"]]);
  assert.ok(!statesNewNumber("budget £1.1-1.3m", "budget £1,100,000-1,300,000"));
});

Deno.test("placedNumbersOf: a clock reading with 'am'/'pm' stuck to it is one reading (review47b M4)", () => {
  assert.deepEqual(read("Leo pickup 6:30pm, gym 10:30am, then 7:15 pm"), [
    ["pm", "6:30"],
    ["clock", "10:30"],
    ["pm", "7:15"],
  ]);
  assert.ok(!statesNewNumber("Leo pickup 6:30 pm", "Leo pickup 6:30pm"));
  assert.ok(!statesNewNumber("gym at 10:30 am", "gym at 10:30am"));
  assert.deepEqual(read("code 1:234"), [["", "1"], ["", "234"]], "three digits: no clock");
});

Deno.test("placedNumbersOf: a clock reading followed by a unit of time is a stopwatch's reading (review47b M5)", () => {
  assert.deepEqual(read("PB 26:40 mins, 1:45 hours, 0:45 secs, 2:30 seconds, 1:10 hrs"), [
    ["clock", "26:40"],
    ["clock", "1:45"],
    ["clock", "0:45"],
    ["clock", "2:30"],
    ["clock", "1:10"],
  ]);
  assert.ok(statesNewNumber("parkrun PB 27:52", "new parkrun PB 26:40 mins"));
  assert.ok(!statesNewNumber("parkrun PB 27:52", "parkrun PB 27:52 mins"));
});

Deno.test("placedNumbersOf: 'Rs' before an amount is the rupee, with or without its period (review47b L1)", () => {
  assert.deepEqual(read("gym Rs.500 a month, auto Rs 120, ₹600, 50 Rs"), [
    ["rupe", "500"],
    ["rupe", "120"],
    ["rupe", "600"],
    ["rupe", "50"],
  ]);
  // Inside a word it is no code: "2 hrs 5 mins", "Mrs 5".
  assert.deepEqual(read("2 hrs 5 mins"), [["hour", "2"], ["minut", "5"]]);
});

Deno.test("placedNumbersOf: a number word after 'to' is read when it ends its phrase, not before a noun it counts (review47b L2)", () => {
  assert.deepEqual(read("I spoke to two neighbours, gave cookies to three friends"), []);
  assert.deepEqual(read("a nine to five job"), []);
  assert.deepEqual(read("rent went up to nine hundred, I got down to fourteen stone"), [
    ["", "900"],
    ["stone", "14"],
  ]);
});

Deno.test("placedNumbersOf: 'a' and a scale word reads as one numeral word, and a titled numeral as a name (review47b L3)", () => {
  assert.deepEqual(
    read("a grand total of guests, I've told you a thousand times, a million things to do"),
    [],
  );
  assert.deepEqual(read("Twenty One Pilots gig, reading A Thousand Splendid Suns"), []);
  // Before a unit of measure or money it is an amount, as a single word is; a compound stays one.
  assert.deepEqual(read("a hundred quid, a thousand kilos, six hundred and forty pounds"), [
    ["pound", "100"],
    ["kilo", "1000"],
    ["pound", "640"],
  ]);
  assert.deepEqual(read("Six hundred quid. TWENTY FIVE POUNDS"), [["pound", "600"], [
    "pound",
    "25",
  ]]);
});

Deno.test("placedNumbersOf: 'a hundred percent' is the idiom 'wholly', no amount, unless a share 'of' something", () => {
  assert.deepEqual(
    read("I'm a hundred percent sure it was Tuesday, I agree a hundred percent"),
    [],
  );
  assert.deepEqual(
    read("a hundred percent of the profits, one hundred percent humidity, 100% cotton"),
    [
      ["percent", "100"],
      ["percent", "100"],
      ["percent", "100"],
    ],
  );
  assert.deepEqual(read("a hundred quid, a thousand percent"), [["pound", "100"], [
    "percent",
    "1000",
  ]]);
});
