/**
 * Pins of unmarked_voice.ts's `aboutAPerson` that mutation testing (mut63) found loose: a
 * possessive written with an apostrophe alone ("kids'") makes a possessor; a word for a person
 * that is neither the head nor a possessor does not ("boss party"); a value opens with a name
 * right after the separator too ("boss=Gareth Pryce").
 */
import assert from "node:assert/strict";
import { isUnmarkedNote } from "./unmarked_voice.ts";

Deno.test("a plural possessor with its apostrophe alone is a person's label", () => {
  assert.equal(isUnmarkedNote("kids' allergy: peanuts"), false);
});

Deno.test("a word for a person before the head, no possessor, leaves the note unmarked", () => {
  assert.equal(isUnmarkedNote("boss party: friday"), true);
});

Deno.test("a value opening with a name right after '=' is the keeper's record", () => {
  assert.equal(isUnmarkedNote("boss=Gareth Pryce"), true);
});
