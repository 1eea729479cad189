/**
 * Boundaries of `told_beginnings.ts`'s ages (mut62): "turned" and a number of one to three
 * digits reaches an age; four digits are no age.
 */
import assert from "node:assert/strict";
import { beginsState } from "./told_beginnings.ts";

function begins(text: string): boolean {
  const folded = text.split(" ");
  return beginsState(folded, folded.indexOf("turned"));
}

Deno.test("'turned' and one to three digits reaches an age; four digits do not", () => {
  assert.ok(begins("gran turned 100 in may"));
  assert.ok(begins("mila turned 5 in may"));
  assert.equal(begins("the odometer turned 1000 in may"), false);
});

Deno.test("after 'turned' and an age, a time is read within SPAN_WORDS words, not past them", () => {
  // Five leads of a time fill the span; its word, the sixth, is past it.
  assert.ok(begins("dad turned 40 some few weeks"));
  assert.equal(begins("dad turned 40 every one of some few weeks"), false);
});

Deno.test("the fifth word after the age is still in the span; only 'turned' reaches an age", () => {
  assert.ok(begins("dad turned 40 every one of some weeks"));
  const folded = "mila ate five".split(" ");
  assert.equal(beginsState(folded, 1), false, "a number after another verb is no age");
});

Deno.test("an age in a unit reaches an age only with 'old' after the unit", () => {
  assert.ok(begins("the baby turned 3 months old today"));
  assert.equal(begins("the lease turned 6 months today"), false);
});
