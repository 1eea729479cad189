import assert from "node:assert/strict";
import { KIN_UNOWNED, kinSenseFactor, ownedKinAsked } from "./kin_sense.ts";
import { adjustedAmong } from "./testing/adjusted_among.ts";

Deno.test("a relative asked about as someone's: its meaning's words, members near", () => {
  const asked = ownedKinAsked("Tell me about my kids");
  assert.ok(asked.has("kid") && asked.has("child") && asked.has("son"));
  assert.equal(ownedKinAsked("What surgery did I have as a kid?").size, 0, "no owner");
  assert.equal(ownedKinAsked("What do I do for a living?").size, 0);
  assert.ok(ownedKinAsked("What are Tom's children like?").has("child"), "a possessive owns");
});

Deno.test("a memory saying the asked relative only with an indefinite article loses KIN_UNOWNED", () => {
  const asked = ownedKinAsked("What are my children like?");
  const unowned = 1 - KIN_UNOWNED;
  assert.equal(kinSenseFactor(asked, "I studied the piano as a child but stopped."), unowned);
  assert.equal(kinSenseFactor(asked, "A child at the park was drawing chalk pictures."), unowned);
  assert.equal(kinSenseFactor(asked, "My son Noah is obsessed with dinosaurs."), 1);
  assert.equal(kinSenseFactor(asked, "As a child I hated the kids next door... our kids too."), 1);
  assert.equal(kinSenseFactor(asked, "I think the kids are getting used to it."), 1, "the kids");
  assert.equal(kinSenseFactor(asked, "My brother is a firefighter."), 1, "another relative");
  assert.equal(kinSenseFactor(new Set(), "as a child"), 1);
  // One word between, as for an owner ("my youngest son"): review39 R8.
  assert.equal(kinSenseFactor(asked, "I learned to swim as a small child."), unowned);
  assert.equal(kinSenseFactor(asked, "A little kid at the park was drawing."), unowned);
  assert.equal(kinSenseFactor(asked, "My youngest son started school."), 1);
});

Deno.test("ranking: 'as a child' is no answer to a question about my kids", async () => {
  const [adjusted] = await adjustedAmong([
    "I studied the piano for eight years as a child.",
    "My son Noah is obsessed with dinosaurs.",
  ], ["Tell me about my kids"]);
  assert.equal(adjusted![0], 1 - KIN_UNOWNED);
  assert.equal(adjusted![1], 1);
});
