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

Deno.test("a text ending 'Maja and' is read without error and ties nothing", () => {
  assert.deepEqual(partnerTies("Tea with Maja and"), []);
  assert.deepEqual(partnerTies("Maja and"), []);
});

Deno.test("up to three auxiliaries or adverbs stand between 'Maja and I' and the verb, not four", () => {
  assert.deepEqual(partnerTies("Maja and I have just finally married"), [{
    owner: undefined,
    name: "maja",
  }]);
  assert.deepEqual(partnerTies("Maja and I have just finally recently got married"), []);
});

Deno.test("only a name, not its possessive, opens 'X and I got married'", () => {
  // "at Maja's" is someone's home: she is not the one married.
  assert.deepEqual(partnerTies("The party was at Maja's and I got married a week later"), []);
  assert.deepEqual(partnerTies("Sure, the vicar and I got married"), []);
});

Deno.test("a fourth auxiliary or adverb before the verb is past the reach, whatever follows", () => {
  assert.deepEqual(partnerTies("Maja and I have just finally recently married"), []);
});

Deno.test("'moved' makes partners only as 'moved in together'", () => {
  assert.deepEqual(partnerTies("Maja and I moved in with her parents"), []);
  assert.deepEqual(partnerTies("Maja and I moved together"), []);
  assert.deepEqual(partnerTies("Maja and I moved in together"), [{
    owner: undefined,
    name: "maja",
  }]);
});
