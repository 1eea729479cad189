import assert from "node:assert/strict";
import { comparedVoice, MEASURING_VOICES, measuringVoice, UPDATE_VOICES } from "./update_voices.ts";

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
