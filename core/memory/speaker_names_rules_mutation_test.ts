import assert from "node:assert/strict";
import { introducedNames } from "./speaker_names.ts";

Deno.test("a reported introduction is read back over four runs: verb, word, mark, quote", () => {
  assert.deepEqual(introducedNames("Sam said quietly : ‘ I'm Kira"), []);
  assert.deepEqual(introducedNames("Sam smiled quietly : ‘ I'm Kira"), ["kira"]);
});

Deno.test("an introduction after an odd number of straight quotes is quoted speech", () => {
  assert.deepEqual(introducedNames("He goes \"I'm Kira"), []);
  assert.deepEqual(introducedNames('He goes "hi" and I\'m Kira'), ["kira"]);
});

Deno.test("a two-letter name is a name", () => {
  assert.deepEqual(introducedNames("I'm Al"), ["al"]);
});

Deno.test("a line break ends the sentence a reporting verb is read in", () => {
  assert.deepEqual(introducedNames("Sam said\nI'm Kira"), ["kira"]);
});
