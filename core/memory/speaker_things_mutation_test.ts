/**
 * Boundaries of `speaker_things.ts` that its other tests leave open (mutation testing, session
 * 44): a mark or a line break ends the thing after "my", and a possessive later in the phrase
 * makes the whole phrase another person's thing.
 */
import assert from "node:assert/strict";
import { KIN_OTHERS } from "./kin_owners.ts";
import { askedOwnThings, othersOwnThingFactor, speakerThings } from "./speaker_things.ts";

Deno.test("speakerThings: only spaces and tabs may stand between 'my' and the thing's words", () => {
  assert.deepEqual(speakerThings("my phone"), [["phone"]]);
  assert.deepEqual(speakerThings("my\tphone"), [["phone"]]);
  assert.deepEqual(speakerThings("my\nphone"), []);
  assert.deepEqual(speakerThings("my, phone"), []);
  assert.deepEqual(askedOwnThings("is it my\nphone"), []);
});

Deno.test("speakerThings: a possessive after other words makes none of them the speaker's", () => {
  // The car is the old mate's; "old" is no thing of the speaker's.
  assert.deepEqual(speakerThings("my old mate's car"), []);
  assert.deepEqual(askedOwnThings("where is my old mate's car"), []);
});

Deno.test("speakerThings: a relative after 'my' does not end the reading of the text", () => {
  assert.deepEqual(speakerThings("my son took my phone"), [["phone"]]);
});

Deno.test("speakerThings: words with no term ('lol') make no thing, not an empty one", () => {
  assert.deepEqual(speakerThings("my lol"), []);
});

Deno.test("othersOwnThingFactor: one term of the thing is enough, after another's possessive or 'my'", () => {
  const plan = [["phone", "plan"]];
  // Mum's plan shares one term of "my phone plan": it is another's, and none of it is mine.
  assert.equal(othersOwnThingFactor(plan, "Mum's plan is cheap"), 1 - KIN_OTHERS);
  // "my phone" in the line keeps it, though Mum's phone plan is there too.
  assert.equal(othersOwnThingFactor(plan, "Mum's phone plan is cheap, my phone is new"), 1);
});
