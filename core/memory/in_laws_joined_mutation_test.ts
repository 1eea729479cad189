/**
 * Boundaries of `in_laws.ts`'s "X and I got married" (mut62): the frame may end the text, its
 * verb the last word.
 */
import assert from "node:assert/strict";
import { partnerTies } from "./in_laws.ts";

Deno.test("'Maja and I married' ties Maja to the speaker though the verb ends the text", () => {
  assert.deepEqual(partnerTies("Maja and I married."), [{ owner: undefined, name: "maja" }]);
  assert.deepEqual(partnerTies("Maja and I wed"), [{ owner: undefined, name: "maja" }]);
});
