import assert from "node:assert/strict";
import {
  CLAUSES_READ,
  endedAsked,
  endedHeads,
  endsThingOf,
  OLDER_WORDS,
  PHRASE_WORDS,
} from "./ended_things.ts";
import { rankedAfter } from "./testing/ranked_after.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

const KINDS = await WordVectors.shared();

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
    { head: "cigarett", plural: true, ended: true, before: ["jayden"] },
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

Deno.test("endsThingOf links the ended thing to the older one's by synonym or broader kind", () => {
  const wine = "I drink a glass of red wine with dinner most nights.";
  const sober = "I've been sober for three months now, no alcohol at all.";
  // Wine is a kind of alcohol (a hyponym, one step).
  assert.equal(endsThingOf(wine, sober, KINDS), true);
  // Spectacles are glasses (a synonym).
  const glasses = "I wear glasses for reading.";
  const surgery = "I had laser eye surgery, so I don't need spectacles anymore.";
  assert.equal(endsThingOf(glasses, surgery, KINDS), true);
  // The same word.
  const party = "I am a member of the Green Party.";
  assert.equal(endsThingOf(party, "I'm no longer in any political party.", KINDS), true);
});

Deno.test("endsThingOf links no narrower kind, no sibling and no unrelated thing", () => {
  const alcohol = "I drink alcohol most nights.";
  // Ending wine does not end alcohol, nor beer wine (siblings under alcohol).
  assert.equal(endsThingOf(alcohol, "No wine for me anymore.", KINDS), false);
  assert.equal(endsThingOf("I drink red wine most nights.", "No beer anymore.", KINDS), false);
  assert.equal(endsThingOf("I wear glasses for reading.", "No car anymore.", KINDS), false);
  // A synonym in another number: "spectacles" are glasses, not a glass of wine.
  const wine = "I drink a glass of red wine with dinner most nights.";
  assert.equal(endsThingOf(wine, "I don't need spectacles anymore.", KINDS), false);
});

Deno.test("endsThingOf reaches kinds one step down", () => {
  const sedan = "I drive a sedan to work.";
  // A car is a kind of vehicle, a sedan a kind of car: two steps from "vehicle".
  assert.equal(endsThingOf(sedan, "I don't own a car anymore.", KINDS), true);
  assert.equal(endsThingOf(sedan, "I don't own a vehicle anymore.", KINDS), false);
});

Deno.test("endsThingOf needs the older one's owner and a thing it does not deny itself", () => {
  const glasses = "I wear glasses for reading.";
  // Someone the older memory does not name ends their own need.
  assert.equal(endsThingOf(glasses, "My wife doesn't need spectacles anymore.", KINDS), false);
  // An adverb before the frame is no owner.
  assert.equal(endsThingOf(glasses, "Honestly I don't need spectacles anymore.", KINDS), true);
  // An older memory denying the thing tells no state a newer denial ends.
  assert.equal(endsThingOf("I never drink wine.", "No alcohol at all now.", KINDS), false);
  // A denial unmarked by aspect ends nothing.
  const wine = "I drink a glass of red wine with dinner most nights.";
  assert.equal(endsThingOf(wine, "No alcohol at all.", KINDS), false);
});

Deno.test(`endsThingOf compares the older memory's first ${OLDER_WORDS} content words`, () => {
  const newer = "I don't need spectacles anymore.";
  const words = (count: number) => Array.from({ length: count }, () => "rain").join(" ");
  assert.equal(endsThingOf(`${words(OLDER_WORDS - 1)} glasses`, newer, KINDS), true);
  assert.equal(endsThingOf(`${words(OLDER_WORDS)} glasses`, newer, KINDS), false);
});

Deno.test("endedAsked: a query naming the older one's ended thing asks it", () => {
  const texts = {
    older: "I wear glasses for reading.",
    newer: "I had laser eye surgery, so I don't need spectacles anymore.",
  };
  assert.equal(endedAsked(texts, { terms: ["wear", "glass"], kinds: KINDS }), true);
  assert.equal(endedAsked(texts, { terms: ["wear", "read"], kinds: KINDS }), false);
  assert.equal(endedAsked(texts, { terms: undefined, kinds: KINDS }), false);
});

Deno.test("search: a state ended in other words replaces the older one (real SQLite)", async () => {
  assert.deepEqual(
    await rankedAfter(
      [
        "I wear glasses for reading.",
        "I had laser eye surgery, so I don't need spectacles anymore.",
      ],
      "Do I wear glasses?",
    ),
    [1, 0],
  );
  assert.deepEqual(
    await rankedAfter(
      [
        "I drink a glass of red wine with dinner most nights.",
        "I've been sober for three months now, no alcohol at all.",
      ],
      "Do I drink alcohol?",
    ),
    [1, 0],
  );
});

Deno.test("search: another's ended need replaces nothing of the persona's (real SQLite)", async () => {
  assert.deepEqual(
    await rankedAfter(
      ["I wear glasses for reading.", "My wife doesn't need spectacles anymore."],
      "Do I wear glasses?",
    ),
    [0, 1],
  );
});
