import assert from "node:assert/strict";
import { speakersRemark } from "./chat_voice.ts";

Deno.test("a five-letter -ing verb opening a sentence before an object opener is the speaker's remark", () => {
  assert.equal(speakersRemark("Going to the coast this weekend"), true);
  assert.equal(speakersRemark("Sorry. Going out for a bit"), true);
  // Four letters is no "-ing" verb of the rule: a "king" or a "ring" is a noun.
  assert.equal(speakersRemark("King of the castle"), false);
});
