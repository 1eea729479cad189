import assert from "node:assert/strict";
import { CLAUSES_READ, endedHeads, PHRASE_WORDS } from "./ended_heads.ts";

const heads = (text: string) => endedHeads(text).map(({ head }) => head);

Deno.test("endedHeads reads the noun a frame of absence, negation or ending ends", () => {
  assert.deepEqual(heads("I had laser eye surgery, so I don't need spectacles anymore."), [
    "spectacl",
  ]);
  assert.deepEqual(heads("I've been sober for three months now, no alcohol at all."), ["alcohol"]);
  assert.deepEqual(heads("I'm no longer in any political party; I let it lapse."), ["parti"]);
  assert.deepEqual(heads("I gave up coffee in January."), ["coffe"]);
  assert.deepEqual(heads("I quit cigarettes last year."), ["cigarett"]);
  // A gerund names the activity a negated verb names, not a thing had.
  assert.deepEqual(heads("I stopped going to the food bank."), []);
  assert.deepEqual(heads("We live without a car."), ["car"]);
  // A phrase ends at a word of grammar past its head: the club is not what the treasurer left.
  assert.deepEqual(heads("I stopped being treasurer of the club."), ["treasur"]);
  // The owner is the clause's words before its frame.
  assert.deepEqual(endedHeads("Jayden quit cigarettes."), [
    {
      head: "cigarett",
      word: "cigarette",
      plural: true,
      modifier: undefined,
      ended: true,
      before: ["jayden"],
    },
  ]);
});

Deno.test("endedHeads reads a denial as a state ended only in a sentence marked by aspect", () => {
  const ended = (text: string) => endedHeads(text).map(({ ended }) => ended);
  // A verb of ending needs no mark.
  assert.deepEqual(ended("I quit cigarettes."), [true]);
  // A denial does: "anymore", "now", "since", "no longer", "no more", anywhere in its sentence.
  assert.deepEqual(ended("I don't need spectacles anymore."), [true]);
  assert.deepEqual(ended("I've been sober for months now, no alcohol at all."), [true]);
  assert.deepEqual(ended("There are no more chickens."), [true]);
  assert.deepEqual(ended("Dad's hip was done in 2015, that's not the knee."), [false]);
  assert.deepEqual(ended("No alcohol at all. It is now late."), [false]);
});

Deno.test("endedHeads reads no thing a verb, a modal, a condition or a far word names", () => {
  // A verb is no thing ("don't ask", "I don't understand"): the head is a noun.
  assert.deepEqual(heads("don't ask"), []);
  assert.deepEqual(heads("I don't understand why."), []);
  // A negated modal tells a state to come, a modal before the frame one advised or possible.
  assert.deepEqual(heads("I won't need glasses after the surgery."), []);
  assert.deepEqual(heads("I might not need glasses."), []);
  // A denial of an adjunct: how or where, not a thing had.
  assert.deepEqual(heads("I don't eat it now, not for religious reasons."), []);
  assert.deepEqual(heads("The shipyard is now in Setubal, not in Lisbon."), []);
  assert.deepEqual(heads("If I had no car I would cycle."), []);
  // The phrase after a frame is read for PHRASE_WORDS words.
  assert.deepEqual(heads("no " + "very ".repeat(PHRASE_WORDS) + "car"), []);
  assert.deepEqual(heads("no " + "very ".repeat(PHRASE_WORDS - 1) + "car"), ["car"]);
});

Deno.test(`endedHeads reads the first ${CLAUSES_READ} clauses of a text`, () => {
  const filler = "It rained. ".repeat(CLAUSES_READ - 1);
  assert.deepEqual(heads(filler + "No car."), ["car"]);
  assert.deepEqual(heads(filler + "It rained. No car."), []);
});

Deno.test("endedHeads reads the word right after a negated 'do' or 'never' as a verb", () => {
  // "mess" is mostly a noun, but after "doesn't" it is a verb: nothing is denied.
  assert.deepEqual(heads("He doesn't mess about any more."), []);
  assert.deepEqual(heads("He does not mess about any more."), []);
  assert.deepEqual(heads("I never mess about now."), []);
  // After "no" the same word is the thing.
  assert.deepEqual(heads("There is no mess any more."), ["mess"]);
  // The verb is passed over for its object.
  assert.deepEqual(heads("I don't need spectacles anymore."), ["spectacl"]);
});

Deno.test("endedHeads reads the content word right before the head as its modifier", () => {
  const phrases = (text: string) =>
    endedHeads(text).map(({ word, modifier, plural }) => ({ word, modifier, plural }));
  assert.deepEqual(phrases("I'm no longer in any political party."), [
    { word: "party", modifier: "political", plural: false },
  ]);
  assert.deepEqual(phrases("I don't need spectacles anymore."), [
    { word: "spectacle", modifier: undefined, plural: true },
  ]);
  // A word of grammar between them parts them; a participle is no modifier.
  assert.deepEqual(phrases("I quit drinking the wine."), [
    { word: "wine", modifier: undefined, plural: false },
  ]);
  assert.deepEqual(phrases("I stopped being treasurer."), [
    { word: "treasurer", modifier: undefined, plural: false },
  ]);
});
