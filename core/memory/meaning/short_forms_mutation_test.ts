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

Deno.test("a short form holding a digit or a letter past a-z is none, though the full word begins with it", () => {
  // plainLetters: each letter's code from "a" (97) to "z" (122).
  assert.equal(isShortForm("mp3", "mp3player"), false);
  assert.equal(isShortForm("caf\u00e9", "caf\u00e9teria"), false);
  assert.equal(isShortForm("a{z", "a{zzzz"), false, "'{' is 123");
  assert.equal(isShortForm("a`z", "a`zzzz"), false, "'`' is 96");
  assert.ok(isShortForm("azz", "azzzzz"), "'a' and 'z' are plain letters");
});
