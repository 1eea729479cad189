/**
 * Pins of restated_quantities.ts that mutation testing (mut63) found loose: a bare number or an
 * ordinal before an amount is passed over, not the end of the reading; an older text with two
 * amounts of a kind is restated when the newer amount's label is either one's; a sentence's
 * subject of two terms (a hyphenated head) is the older one's when it says either term; each
 * text read counts one read.
 */
import assert from "node:assert/strict";
import { quantityKinds, quantityReadCount, restatesQuantity } from "./restated_quantities.ts";

Deno.test("a bare number or an ordinal before an amount is passed over, the amount still read", () => {
  assert.deepEqual([...quantityKinds("In 2024 the rent was £520 a month")], [
    ["pound|month", new Set(["520"])],
  ]);
  assert.deepEqual([...quantityKinds("My 2nd job pays £300 a week")], [
    ["pound|week", new Set(["300"])],
  ]);
});

Deno.test("an older text with two labelled amounts of a kind: the newer amount of either label restates it", () => {
  const older = "Car insurance £45 a month, home insurance £30 a month.";
  assert.ok(restatesQuantity(older, "Car insurance is £50 a month now."));
  assert.ok(restatesQuantity(older, "Home insurance is £35 a month now."));
});

Deno.test("a hyphenated head is the older text's thing when it says one of its terms", () => {
  assert.ok(restatesQuantity("I pay £45 a month for my car.", "The car-park costs £60 a month."));
});

Deno.test("each new text read is one read", () => {
  const before = quantityReadCount();
  quantityKinds(`The bill is £${before + 1_000} a month.`);
  assert.equal(quantityReadCount(), before + 1);
});
