import assert from "node:assert/strict";
import { awaitsChild, BORN_HEADS, stateHeads } from "./awaiting_states.ts";

// Casual speech drops the subject: the clause's first word is read too, and a past verb reporting
// the state may stand right before "was" or "had been".
Deno.test("stateHeads: a 'was' opening the text tells the state past", () => {
  assert.deepEqual(stateHeads("was pregnant with my son back in 2019"), []);
});

Deno.test("stateHeads: a past verb opening the text reports a state that holds", () => {
  assert.deepEqual(stateHeads("Found out I was pregnant!"), BORN_HEADS);
});

Deno.test("stateHeads: a past verb right before 'was' or 'had been' reports a state that holds", () => {
  assert.deepEqual(stateHeads("doc confirmed was pregnant!!"), BORN_HEADS);
  assert.deepEqual(stateHeads("Realised had been pregnant for 8 weeks!!"), BORN_HEADS);
});

Deno.test("stateHeads: the word right after 'expecting' tells whether it names an object", () => {
  // "in" names no object: the child is meant; "visitors" is the object awaited.
  assert.equal(awaitsChild("we're expecting in May"), true);
  assert.equal(awaitsChild("we're expecting visitors"), false);
});

Deno.test("awaitsChild: a boy hoped for alone is no child awaited as a birth is", () => {
  assert.deepEqual(stateHeads("we're hoping to adopt a boy"), [BORN_HEADS[1]]);
  assert.equal(awaitsChild("we're hoping to adopt a boy"), false);
});
