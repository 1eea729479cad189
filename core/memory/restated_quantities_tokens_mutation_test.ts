/**
 * Pins of restated_quantities.ts's reading of one amount that mutation testing (mut63) found
 * loose: a three-letter currency code before the digits, with or without a dot or a space; a
 * mark right after the number ends its phrase (no period read past a comma); an increment's
 * word is read in the 12 characters before the number; an adjective of succession after the
 * article hands the head to the next word.
 */
import assert from "node:assert/strict";
import { quantityKinds, restatesQuantity } from "./restated_quantities.ts";

const kinds = (text: string) => [...quantityKinds(text).keys()];

Deno.test("a three-letter currency code before the digits, a space or a dot after it", () => {
  assert.deepEqual(kinds("I pay EUR 500 a month"), ["euro|month"]);
  assert.deepEqual(kinds("I pay INR.500 a month"), ["rupe|month"]);
  assert.deepEqual(kinds("I pay INR. 500 a month"), ["rupe|month"]);
});

Deno.test("a comma right after the number ends its phrase: no period is read past it", () => {
  assert.deepEqual(kinds("Paid £520, a week later"), ["pound|"]);
});

Deno.test("an increment's word is read within the 12 characters before the number", () => {
  assert.deepEqual(kinds("an additional £90"), ["+pound|"]);
  assert.deepEqual(kinds("an additional  £90"), ["+pound|"], "12 characters back");
  assert.deepEqual(kinds("an additional   £90"), ["pound|"], "13: out of the window");
});

Deno.test("after an adjective of succession, the next word is the head", () => {
  const older = "I pay £520 a month for my room.";
  assert.ok(!restatesQuantity(older, "The new parking costs £600 a month."), "the parking's");
  assert.ok(restatesQuantity("The rent is £520 a month.", "The new rent is £600 a month."));
});
