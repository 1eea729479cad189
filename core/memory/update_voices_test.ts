import assert from "node:assert/strict";
import {
  comparedVoice,
  MEASURING_VOICES,
  measuringVoice,
  speakersOwn,
  UPDATE_VOICES,
} from "./update_voices.ts";
import { memoComputes, memoLookups, prepareText } from "./text_memo.ts";
import { speakersRemark } from "./chat_voice.ts";
import { statesUserFact } from "./user_voice.ts";

Deno.test("the persona's and the group's voices are compared as facts and updates, no one's is not", () => {
  assert.deepEqual([...UPDATE_VOICES].sort(), ["group", "self"]);
  assert.ok(comparedVoice("self") && comparedVoice("group") && !comparedVoice("other"));
});

Deno.test("no one's voice is compared as measuring only with a number in digits", () => {
  assert.deepEqual([...MEASURING_VOICES], ["other"]);
  assert.ok(measuringVoice("other", "The landlord raised the rent to 1,050 euros."));
  assert.ok(!measuringVoice("other", "The landlord raised the rent again."), "no number");
  assert.ok(!measuringVoice("self", "I pay 1,050 euros."), "compared anyway: not only as newer");
});

Deno.test("no one's voice is compared when the speaker's own remark or the user's fact, read in one lookup", () => {
  const texts = [
    "learning the hardanger fiddle!!",
    "User drives a Mazda",
    "user said: the vet moved the appointment\nAria replied: good to know",
    "The farmer keeps pigs.",
    "User asked about the KNBTS blood drive",
  ];
  assert.deepEqual(texts.map(speakersOwn), [true, true, false, false, false]);
  for (const text of texts) {
    const expected = speakersRemark(text) || statesUserFact(text);
    assert.equal(speakersOwn(text), expected, text);
    assert.equal(comparedVoice("other", text), expected, text);
  }
  // A chat's stored exchange says "user": read in one lookup, not one per test (perf82).
  const before = memoLookups();
  comparedVoice("other", texts[2]);
  assert.equal(memoLookups() - before, 1);
});

Deno.test("a memory's own-remark test is worked out ahead when it is prepared", () => {
  const text = "user said: we repainted the shed green\nAria replied: lovely";
  prepareText(text);
  const before = memoComputes();
  comparedVoice("other", text);
  assert.equal(memoComputes() - before, 0);
});
