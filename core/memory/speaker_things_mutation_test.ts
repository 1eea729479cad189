/**
 * Boundaries of `speaker_things.ts` that its other tests leave open (mutation testing, session
 * 44): a mark or a line break ends the thing after "my", and a possessive later in the phrase
 * makes the whole phrase another person's thing.
 */
import assert from "node:assert/strict";
import { askedOwnThings, speakerThings } from "./speaker_things.ts";

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
