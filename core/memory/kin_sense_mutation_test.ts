import assert from "node:assert/strict";
import { KIN_UNOWNED, kinSenseFactor, ownedKinAsked } from "./kin_sense.ts";

Deno.test("a memory with the asked relative only after an indefinite article keeps 0.8 of its score", () => {
  assert.equal(KIN_UNOWNED, 0.2);
  const asked = ownedKinAsked("what does my sister do?");
  assert.equal(kinSenseFactor(asked, "I was a sister to many"), 0.8);
  assert.equal(kinSenseFactor(asked, "my sister is a nurse"), 1);
  assert.equal(kinSenseFactor(asked, "I was a child in Leeds"), 1, "another relative's article");
});
