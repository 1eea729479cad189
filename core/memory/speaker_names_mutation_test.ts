/** Edges of the introductions `speaker_names.ts` reads (review37). */
import assert from "node:assert/strict";
import { introducedNames } from "./speaker_names.ts";

Deno.test("an introduction starts a word: 'Kim' or 'Tim' is no 'im'", () => {
  assert.deepEqual(introducedNames("Kim Lee sings alto."), []);
  assert.deepEqual(introducedNames("Tim Rogers called."), []);
  assert.deepEqual(introducedNames("2im Bob"), []);
  assert.deepEqual(introducedNames("Oh, im Jo."), ["jo"]);
});

Deno.test("every introduction of a text, each form of it", () => {
  assert.deepEqual(introducedNames("My name's Ana. Friends call me Nan; Dad called me Bee."), [
    "ana",
    "nan",
    "bee",
  ]);
  assert.deepEqual(introducedNames("I am Ravi"), ["ravi"]);
  assert.deepEqual(introducedNames("I’m Zoe"), ["zoe"]);
});
