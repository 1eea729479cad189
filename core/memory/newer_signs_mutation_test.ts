/**
 * Pins newer_signs.ts's sign constants, which mutation testing (mut63) found loose: each is its
 * own bit (1, 2, 4, 8), so a text's signs never read as another's.
 */
import assert from "node:assert/strict";
import { EVENT_SIGN, NUMBER_SIGN, SETTLING_SIGN, VERB_SIGN } from "./newer_signs.ts";

Deno.test("the signs are the bits 1, 2, 4 and 8", () => {
  assert.deepEqual([NUMBER_SIGN, EVENT_SIGN, SETTLING_SIGN, VERB_SIGN], [1, 2, 4, 8]);
});
