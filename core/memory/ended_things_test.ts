import assert from "node:assert/strict";
import { endedAsked, endsThingOf, KIND_SENSE_SIMILARITY, OLDER_WORDS } from "./ended_things.ts";
import { rankedAfter } from "./testing/ranked_after.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

const KINDS = await WordVectors.shared();

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

Deno.test("endsThingOf compares the thing by its word, and WordNet's links by its own stem", () => {
  const newer = "I stopped being treasurer.";
  assert.equal(endsThingOf("I am treasurer of the club.", newer, KINDS), true);
  // "treasurer" and "treasure" share the stem "treasur", not the word.
  assert.equal(endsThingOf("I keep the treasure map in a box.", newer, KINDS), false);
  // Nor WordNet's links of "treasure" ("want"): the stem cuts a suffix off "treasurer".
  assert.equal(endsThingOf("I want a small boat.", newer, KINDS), false);
  // Plurals are the same word.
  assert.equal(endsThingOf("We keep four chickens.", "There is no chicken any more.", KINDS), true);
});

Deno.test("endsThingOf: a modified head ends that kind of its word, or a named one", () => {
  const newer = "I'm no longer in any political party.";
  // The same modifier, or a name (a capital inside the sentence).
  assert.equal(endsThingOf("I am in the political party of my father.", newer, KINDS), true);
  assert.equal(endsThingOf("I am a member of the Green Party.", newer, KINDS), true);
  // Another party, or one with no modifier: a political party is not a street party.
  assert.equal(endsThingOf("Our street is holding a party in August.", newer, KINDS), false);
  assert.equal(endsThingOf("We are planning a surprise party.", newer, KINDS), false);
  // No WordNet kinds of the bare word ("wedding" is a kind of party).
  assert.equal(endsThingOf("We went to a friend's wedding.", newer, KINDS), false);
  // Ending red wine ends no wine but red; ending wine ends red wine.
  const red = "I don't drink red wine anymore.";
  assert.equal(endsThingOf("I drink red wine most nights.", red, KINDS), true);
  assert.equal(endsThingOf("I drink wine most nights.", red, KINDS), false);
  assert.equal(endsThingOf("I drink red wine most nights.", "No wine anymore.", KINDS), true);
});

Deno.test(`endsThingOf reads a kind of the head's sense: cosine ${KIND_SENSE_SIMILARITY} or more`, () => {
  // WordNet makes an office a kind of job (another sense of "office"): cosine 0.29.
  assert.ok(KINDS.narrower("job").has("offic"));
  assert.ok(KINDS.similarity("job", "office") < KIND_SENSE_SIMILARITY);
  assert.equal(endsThingOf("I work at the post office.", "I quit my job.", KINDS), false);
  // Wine is a kind of alcohol in the same sense: cosine 0.47.
  assert.ok(KINDS.similarity("alcohol", "wine") >= KIND_SENSE_SIMILARITY);
  assert.equal(endsThingOf("I drink wine.", "No alcohol at all now.", KINDS), true);
});

Deno.test("endsThingOf: a denied verb whose meaning holds a negation keeps the thing (review49d H1)", () => {
  for (
    const [older, newer] of [
      ["I wear glasses.", "I never forget my glasses now."],
      ["I eat breakfast at 7.", "I never skip breakfast now."],
      ["I go to the gym every day.", "Now I never miss the gym."],
      ["I have a car.", "I don't worry about the car anymore."],
      ["I love my job.", "I don't hate my job anymore."],
      ["I drink wine on Fridays.", "I don't mind wine now."],
    ]
  ) assert.equal(endsThingOf(older!, newer!, KINDS), false, newer);
  // A verb of having or using, denied, still ends it.
  assert.equal(endsThingOf("I wear glasses.", "I don't wear glasses anymore.", KINDS), true);
});

Deno.test("endsThingOf: a verb before the head is no modifier of it (review49d H2)", () => {
  assert.equal(endsThingOf("I love wine.", "I no longer drink wine.", KINDS), true);
  assert.equal(
    endsThingOf("I drink alcohol at weekends.", "I haven't touched alcohol since.", KINDS),
    true,
  );
});
