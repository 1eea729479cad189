import assert from "node:assert/strict";
import { tellsAddition, tellsReplacement } from "./additions.ts";

Deno.test('tellsAddition: "now" the only word of change, and a word of addition', () => {
  for (
    const text of [
      "I now also volunteer at the animal shelter on Sundays.",
      "We now have a puppy called Rex as well.",
      "I now speak Spanish too.",
      "I started a second job at a café and now work six days a week.",
      "Now we have a third cat.",
      "In addition, I now teach first aid.",
    ]
  ) assert.ok(tellsAddition(text), text);
  for (
    const text of [
      "I left the bank and also moved to Lyon.", // more words of change than "now"
      "I sold the Corolla and bought a second-hand Tesla.", // a kind, not a count
      "I moved to another city.", // "another" replaces
      "The flat got too small, so we now rent a house.", // "too" before a word
      "I now work at a café.", // no word of addition
      "I also like tea.", // no word of change
    ]
  ) assert.ok(!tellsAddition(text), text);
});

Deno.test("tellsReplacement: a change that is no addition", () => {
  assert.ok(tellsReplacement("I now work at a café."));
  assert.ok(tellsReplacement("I left the bank and also moved to Lyon."));
  assert.ok(!tellsReplacement("I now also work at a café."));
  assert.ok(!tellsReplacement("I work at a café."));
});
