/**
 * Pins CLAUSE_SUBJECT in restated_quantities.ts (`otherOwner`), which mutation testing (mut63)
 * found loose: a clause opens after "?" too; its subject is a capitalised word of two letters or
 * more, whole, then one or more spaces and a finite verb: "is", "was", "has", "had", or a word of
 * two letters or more ending in "s", or of two or more before "ed". A lone "s" or "ed" is no verb.
 */
import assert from "node:assert/strict";
import { restatesQuantity } from "./restated_quantities.ts";

const room = "I pay £520 a month for my room.";

Deno.test("another's amount: a capitalised subject and a finite verb, after '?' too", () => {
  assert.ok(!restatesQuantity(room, "Guess what? Tom pays £600 a month."));
  assert.ok(!restatesQuantity(room, "Tom  pays £600 a month."), "two spaces before the verb");
  assert.ok(!restatesQuantity(room, "Tom saved £600 a month."), "a past of more than one letter");
});

Deno.test("no subject: one capital, a capitalised word alone, a lone 's' or 'ed'", () => {
  assert.ok(restatesQuantity(room, "Right, J pays £600 a month."));
  assert.ok(restatesQuantity(room, "I pay £600 a month now, Guests"));
  assert.ok(restatesQuantity(room, "Jo s paying £600 a month now."));
  assert.ok(restatesQuantity(room, "Right, Sam ed £600 a month."));
});
