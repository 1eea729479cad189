import assert from "node:assert/strict";
import { numbersOf, statesNewNumber } from "./new_numbers.ts";

Deno.test("numbersOf: numbers in digits, separators dropped, number words not read", () => {
  assert.deepEqual([...numbersOf("The rent went from 900 to 1,050 euros.")], ["900", "1050"]);
  assert.deepEqual([...numbersOf("My best 10k time is 52 minutes.")], ["10", "52"]);
  assert.deepEqual([...numbersOf("I have two children and three cats.")], []);
  assert.deepEqual([...numbersOf("Flat B2 on floor ٣.")], ["٣"], "a digit inside a word is none");
});

Deno.test("statesNewNumber: the newer states a number the older did not, both stating one", () => {
  assert.ok(statesNewNumber("My best 10k time is 52 minutes.", "I ran a 10k in 47 minutes."));
  assert.ok(!statesNewNumber("I ran 10k today.", "I ran 10k again."), "the same number");
  assert.ok(!statesNewNumber("I weigh a lot.", "I weigh 80 kilos."), "the older states none");
  assert.ok(!statesNewNumber("I weigh 92 kilos.", "I lost a lot of weight."), "the newer none");
  assert.ok(!statesNewNumber("I weigh 92 kilos.", "I weigh ninety kilos."), "words are no digits");
  assert.ok(statesNewNumber(numbersOf("Rent: 900."), numbersOf("Rent: 900, parking 80.")));
});
