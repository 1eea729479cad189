// Tests that kill mut58's surviving mutants of told_beginnings.ts (core/memory/HISTORY.md,
// "Session 42 — mut58"): each pins a boundary or a closed class the other tests left loose.
import assert from "node:assert/strict";
import { beginsState, OCCASION_REACH, SPAN_WORDS } from "./told_beginnings.ts";

/** `beginsState` of the word `word` of `text` (lower case, split at spaces). */
function begins(text: string, word: string): boolean {
  const folded = text.toLowerCase().split(" ");
  return beginsState(folded, folded.indexOf(word));
}

Deno.test("beginsState: a three-letter word in '-ed' is no regular past ('wed' is its own base)", () => {
  // The "-ed" rule wants two letters before the ending: "wed", "led", "fed" are no "-ed" form.
  assert.equal(begins("we wed in june", "wed"), false);
  assert.equal(begins("we wedded in june", "wedded"), true);
});

Deno.test("beginsState: every subject pronoun after 'as' makes one moment", () => {
  for (const subject of ["i", "you", "he", "she", "we", "they"]) {
    const text = `mum started laughing as ${subject} walked in`;
    assert.equal(begins(text, "started"), false, text);
  }
});

Deno.test("beginsState: only 'to' or a gerund of two letters or more before '-ing' is read for one occasion", () => {
  // No gerund or infinitive: the time after the object is the job's start ("started the job").
  assert.equal(begins("i started the new job yesterday", "started"), true);
  // "ring", "king", "sing": one letter before "-ing" is no gerund.
  assert.equal(begins("we started ring practice yesterday", "started"), true);
  // "going", "doing", "lying": two letters before "-ing" are a gerund.
  assert.equal(begins("i started going home last night", "started"), false);
  assert.equal(begins("i started lying down last night", "started"), false);
});

Deno.test(`beginsState: a time of one occasion is read to the OCCASION_REACH (${OCCASION_REACH})th word after the complement, no further`, () => {
  // from = "the" (index 3); the fifth word read is index 7.
  assert.equal(begins("i started taking the pills every day yesterday", "started"), false);
  assert.equal(begins("i started taking the new pills every day yesterday", "started"), true);
});

Deno.test("beginsState: 'now' tells one occasion only after 'just'", () => {
  assert.equal(begins("i started taking sertraline and feel fine now", "started"), true);
  assert.equal(begins("i began to panic just now", "began"), false);
});

Deno.test("beginsState: an amount before the particle is its object; after it, two words are read", () => {
  // "all" is what was signed up, not "occupied all of".
  assert.equal(begins("we signed all up for the choir", "signed"), true);
  // The third word after "up" is past the amount's place ("took up all", "took up a lot").
  assert.equal(begins("i took up running with all my friends", "took"), true);
  assert.equal(begins("the kids took up a lot of space", "took"), false);
});

Deno.test(`beginsState: 'for' and a span is looked for in the ${OCCASION_REACH + 1} words after the verb`, () => {
  // Right after the verb.
  assert.equal(begins("i was hired for a month", "hired"), false);
  // The sixth word after the verb.
  assert.equal(begins("i hired a car and a driver for the weekend", "hired"), false);
  // The seventh and later: another phrase's span.
  assert.equal(begins("i hired a car and a new driver for the weekend", "hired"), true);
  assert.equal(begins("i hired a car and a driver and a van for the weekend", "hired"), true);
});

Deno.test("beginsState: a span read after 'for' opens with its time word or with leads before it", () => {
  // The time word right after "for", no lead.
  assert.equal(begins("we hired a nanny for months", "hired"), false);
  // "the" and two leads before the time word: all four read.
  assert.equal(begins("we hired a car for the next two weeks", "hired"), false);
});

Deno.test("beginsState: an 'up' before the particle verb is not its particle", () => {
  // The words as the tense reader folds them: "I got up, took the bus to work".
  assert.equal(begins("i got up took the bus to work", "took"), false);
  assert.equal(begins("i took up running", "took"), true);
});

Deno.test(`beginsState: a span after 'for' is read in SPAN_WORDS (${SPAN_WORDS}) words: 'the next couple of weeks'`, () => {
  assert.equal(SPAN_WORDS, 5);
  // "the" and three leads before the span's word: its fifth word (four were read before mut58).
  assert.equal(begins("we hired a car for the next couple of weeks", "hired"), false);
  assert.equal(begins("we moved to leeds for the next couple of years", "moved"), false);
  assert.equal(begins("i joined the gym for the last couple of months", "joined"), false);
});
