/**
 * Pins of restated_quantities.ts that mutation testing (mut63) found loose: a rate's period is
 * read within PERIOD_CHARS (40) after its number, and a newer amount that fails a gate (a kind the
 * older text lacks, the older value again, another label, another sentence's thing) is passed
 * over for the text's next amount, not the end of the reading.
 */
import assert from "node:assert/strict";
import { quantityKinds, restatesQuantity } from "./restated_quantities.ts";

Deno.test("a period is read up to PERIOD_CHARS (40) characters after its number's end", () => {
  const word = (letters: number) => "w".repeat(letters);
  // The window opens after the digits (placed_numbers' `end`), not at the "£", so a long amount
  // ("£1,234,567") leaves its period as much room as a short one: " per " is 5 characters after
  // "£520", so a 35-letter period ends at the 40th.
  assert.deepEqual([...quantityKinds(`£520 per ${word(35)}`).keys()], [`pound|${word(35)}`]);
  assert.deepEqual([...quantityKinds(`£520 per ${word(36)}`).keys()], [`pound|${word(35)}`]);
  assert.deepEqual([...quantityKinds(`£1,234,520 per ${word(36)}`).keys()], [`pound|${word(35)}`]);
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
