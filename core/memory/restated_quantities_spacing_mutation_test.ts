/**
 * Pins of restated_quantities.ts's patterns that mutation testing (mut63) found loose: the
 * digits' groups, the spaces between the words read after a number (one or more), the words of
 * an increment as written, and "?" ending a sentence.
 */
import assert from "node:assert/strict";
import { quantityKinds, restatesQuantity } from "./restated_quantities.ts";

const kinds = (text: string) => [...quantityKinds(text).keys()];

Deno.test("a number's groups of digits are read whole before its period", () => {
  assert.deepEqual(kinds("£1,040 a month"), ["pound|month"]);
});

Deno.test("words after a number may be apart by more than one space", () => {
  assert.deepEqual(kinds("£520 a  month"), ["pound|month"]);
  assert.deepEqual(kinds("£20  more"), ["+pound|"]);
  assert.deepEqual(kinds("£20 on  top"), ["+pound|"]);
});

Deno.test("an increment's words need their spaces: 'extra£90' and 'ontop' are none", () => {
  assert.deepEqual(kinds("an extra£90"), ["pound|"]);
  assert.deepEqual(kinds("£20 ontop"), ["pound|"]);
});

Deno.test("a question mark ends the sentence before an amount", () => {
  const older = "I pay £520 a month for my room.";
  assert.ok(!restatesQuantity(older, "Guess what? The parking costs £60 a month."));
});
