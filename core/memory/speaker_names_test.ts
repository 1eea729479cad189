import assert from "node:assert/strict";
import { introducedNames, speakerNames } from "./speaker_names.ts";
import { adjustedAmong } from "./testing/adjusted_among.ts";
import { UNNAMED } from "./text_factor_shares.ts";

Deno.test("a first-person introduction gives its speaker's names, as terms", () => {
  assert.deepEqual(introducedNames("I'm Maureen but everyone calls me Mo. Retired in 2016."), [
    "maureen",
    "mo",
  ]);
  assert.deepEqual(introducedNames("im jayden, 19, second year comp sci"), ["jayden"]);
  assert.deepEqual(introducedNames("My name is Sam and I bake."), ["sam"]);
  assert.deepEqual(introducedNames("The user is called Bob."), [], "not the speaker's own");
  assert.deepEqual(introducedNames("Jo from next door sings in a choir."), []);
});

Deno.test("speaker names: the query's names some candidate introduces as its speaker's", () => {
  const candidates = ["I'm Maureen but everyone calls me Mo.", "Jo from next door sings."].map(
    (content) => ({ record: { content } }),
  );
  assert.deepEqual(speakerNames(candidates, ["mo", "jo"]), ["mo"]);
  assert.deepEqual(speakerNames(candidates, []), []);
});

Deno.test("a first-person memory holds the name its speaker introduced: no UNNAMED for lacking it", async () => {
  const [adjusted] = await adjustedAmong([
    "The ferry leaves at noon on Sundays.",
    "It rained all weekend at the campsite.",
    "I'm Maureen but everyone calls me Mo.",
    "I sing alto in the community choir every week.",
    "A neighbour sings in a church choir every week.",
  ], ["Which choir does Mo sing in every week?"]);
  assert.equal(adjusted![3], 1);
  assert.equal(adjusted![4], 1 - UNNAMED, "a memory in no one's voice holds no speaker");
});
