/**
 * Boundaries of `short_forms.ts` the main tests leave open (mut62): the agent suffix "er" comes
 * off a clipping's root as two letters, no more.
 */
import assert from "node:assert/strict";
import { isShortForm } from "./short_forms.ts";

Deno.test("a clipping of an -er word is read against its root less 'er': 'teacher' is cut from 'teach'", () => {
  // The stemmer keeps "teacher"; its root is "teach", so "tea" cuts two letters from it (enough,
  // CLIPPED_MIN_LETTERS_LEFT) and "teac" one (too few). A root of "teac" would refuse "tea".
  assert.ok(isShortForm("tea", "teacher"));
  assert.equal(isShortForm("teac", "teacher"), false);
});
