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
