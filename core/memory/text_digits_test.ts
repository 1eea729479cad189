import assert from "node:assert/strict";
import { holdsDigits, holdsNumber } from "./text_digits.ts";

Deno.test("holdsDigits: any Unicode number, each text its own answer however often asked", () => {
  for (let twice = 0; twice < 2; twice++) {
    assert.equal(holdsDigits("Mila is 4 years old"), true);
    assert.equal(
      holdsDigits("Mila is four years old"),
      false,
      "a text that differs is asked afresh",
    );
    assert.equal(holdsDigits("We ate ½ of the cake"), true, "a number that is no ASCII digit");
    assert.equal(holdsDigits("٣ cats"), true);
  }
});

Deno.test("holdsNumber: digits, or an amount in words; a count in words is none", () => {
  assert.equal(holdsNumber("stop pay is 50 bucks"), true);
  assert.equal(holdsNumber("stop pay is fifty bucks a stop"), true, "an amount in words");
  assert.equal(holdsNumber("stop pay went up to sixty"), true, "reached");
  assert.equal(holdsNumber("I have two children and three cats"), false);
});
