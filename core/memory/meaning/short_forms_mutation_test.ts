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

Deno.test("a contraction keeps the full word's first letter and each kept consonant is a letter of its own", () => {
  // "bgr" ends as "manager" does and its "g", "r" are in it, but it does not begin it.
  assert.equal(isShortForm("bgr", "manager"), false);
  // One "k" of "bucket" cannot stand for both of "bkkt".
  assert.equal(isShortForm("bkkt", "bucket"), false);
  assert.ok(isShortForm("bkt", "bucket"));
});

Deno.test("a contraction's shared beginning stops before its last letter, which is a consonant", () => {
  // "gene" begins "generate" and ends as it does, but its last letter is a vowel, and "generate"
  // roots to "gener" (too little cut for a clipping).
  assert.equal(isShortForm("gene", "generate"), false);
  // The beginning may run up to the letter before the last: "bea" then "t".
  assert.ok(isShortForm("beat", "beachfront"));
});

Deno.test("a contraction ends with its full word's last letter", () => {
  // "m", "n", "g" are "manager"'s in order, but "g" is not its last letter.
  assert.equal(isShortForm("mng", "manager"), false);
  assert.ok(isShortForm("mngr", "manager"));
});

Deno.test("a short form's first letter is held to a-z too", () => {
  assert.equal(isShortForm("3dp", "3dprinting"), false);
  // SHORT_FORM_MAX_LETTERS (8) letters may still be a short form; nine may not.
  assert.ok(isShortForm("physioth", "physiotherapy"));
  assert.equal(isShortForm("physiothe", "physiotherapy"), false);
});

Deno.test("a word is no short form of itself", () => {
  assert.equal(isShortForm("dept", "dept"), false);
  assert.equal(isShortForm("mgr", "mgr"), false);
});
