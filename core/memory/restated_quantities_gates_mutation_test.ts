/**
 * Pins of restated_quantities.ts that mutation testing (mut63) found loose: a rate's period is
 * read within PERIOD_CHARS (40) of its number, and a newer amount that fails a gate (a kind the
 * older text lacks, the older value again, another label, another sentence's thing) is passed
 * over for the text's next amount, not the end of the reading.
 */
import assert from "node:assert/strict";
import { quantityKinds, restatesQuantity } from "./restated_quantities.ts";

Deno.test("a period is read up to PERIOD_CHARS (40) characters from its number's start", () => {
  const word = (letters: number) => "w".repeat(letters);
  // "£520 per " is 9 characters: a 31-letter period ends at the 40th.
  assert.deepEqual([...quantityKinds(`£520 per ${word(31)}`).keys()], [`pound|${word(31)}`]);
  assert.deepEqual([...quantityKinds(`£520 per ${word(32)}`).keys()], [`pound|${word(31)}`]);
});

Deno.test("an amount of a kind the older text lacks, or its value again, is passed over for the next", () => {
  const older = "I pay £520 a month.";
  assert.ok(restatesQuantity(older, "I walked 5 km and the rent is £600 a month."));
  assert.ok(restatesQuantity(older, "I pay £520 a month, and £600 a month from May."));
});

Deno.test("an amount of another label is passed over for the next", () => {
  assert.ok(
    restatesQuantity(
      "Car insurance £45 a month.",
      "Home insurance £30 a month, car insurance £50 a month.",
    ),
  );
});

Deno.test("an amount of another sentence's thing is passed over for the next", () => {
  assert.ok(
    restatesQuantity(
      "I pay £520 a month for my room.",
      "The parking costs £60 a month. Now it costs £600 a month.",
    ),
  );
});

Deno.test("up to four words after a number are read for its period ('3 pods every other week')", () => {
  assert.deepEqual([...quantityKinds("3 pods every other week").keys()], ["pod|week"]);
});
