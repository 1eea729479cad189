import assert from "node:assert/strict";
import { headAfter, phraseWords } from "./noun_heads.ts";
import { meetsProspect } from "./met_prospects.ts";

Deno.test("headAfter: a possessor, singular or plural, heads nothing", () => {
  assert.equal(headAfter("a girl's bike"), "bike");
  assert.equal(headAfter("the girls' bikes"), "bike");
  // "night" is a word of time: the phrase has no head, so no child is had.
  assert.equal(headAfter("the girls' night out"), undefined);
  assert.equal(meetsProspect("Maja is pregnant", "Maja had the girls' night out"), false);
  assert.equal(meetsProspect("Maja is pregnant", "Maja had the girls"), true);
});

Deno.test("headAfter: a one-letter prefix joined by a hyphen is part of its word", () => {
  assert.deepEqual(phraseWords("a t-shirt and an x-ray"), ["a", "tshirt", "and", "an", "xray"]);
  assert.equal(headAfter("a t-shirt from the race"), "tshirt");
  assert.equal(headAfter("an x-ray of my knee"), "xrai");
  assert.equal(headAfter("a new e-bike next week"), "ebik");
  // Split, the "t" of "t-shirt" was read as the "t" of "don't": the event was denied.
  assert.equal(
    meetsProspect("training for the half marathon", "I ran the marathon in my new t-shirt"),
    true,
  );
  // A word of two letters is no prefix.
  assert.deepEqual(phraseWords("re-run"), ["re", "run"]);
});

Deno.test("headAfter: a participle after the head ends the phrase, a noun in '-ed' does not", () => {
  assert.equal(headAfter("a dog called Rex"), "dog");
  assert.equal(headAfter("the interview moved to Monday"), "interview");
  assert.equal(headAfter("a used car"), "car");
  // Not participles: "-eed" and a word of two letters before "ed".
  assert.equal(headAfter("a grass seed"), "seed");
  assert.equal(headAfter("a garden shed"), "shed");
  assert.equal(meetsProspect("planning to adopt a dog", "we got a dog called Rex"), true);
});
