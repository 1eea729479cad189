import assert from "node:assert/strict";
import { changesOfFact, endsFact, PARTING_VERBS } from "./ending_events.ts";
import { changeStems } from "./change_words.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

Deno.test("an event that ends what a standing fact is about, told of its subject, ends it", () => {
  const ended: Array<[string, string]> = [
    ["Our tortoise Shelly is ninety and sleeps all winter.", "Shelly died peacefully last week."],
    ["We have a tabby cat named Moss.", "Moss passed away in June, the flat is so quiet now."],
    ["My boss is a cheerful man called Arjun.", "Arjun retired, and a new manager starts Monday."],
    ["my boyfriend teo is a chef in a tapas bar", "teo and I split up last month, mostly my call"],
    ["I have a sprained wrist and can't type much.", "My wrist has healed, back at the keyboard."],
    // An adverb between the subject and its verb (the subject's head is "Nokia", not it).
    ["My phone is an old Nokia that still works.", "My old Nokia finally died on the bus."],
  ];
  for (const [older, newer] of ended) assert.ok(endsFact(older, newer), newer);
});

Deno.test("news of another kind, an ending of something else, or an ending acting on an object is none", () => {
  const none: Array<[string, string]> = [
    // News about the same person that adds to the fact.
    ["My sister Carla lives in Leeds with her husband.", "Carla took up pilates on Thursdays."],
    ["My dad works as a nurse at the city hospital.", "My dad just visited us for the weekend."],
    // Another one of the kind: the subject is not what the fact names.
    ["We have a tabby cat named Moss.", "The neighbours' old dog died last night."],
    // The verb acts on an object: no end of its subject.
    ["My son Leo is studying for his driving test.", "Leo passed the test on his first try."],
    ["I share a flat with my friend Ben.", "Ben and I split the bill at dinner."],
    // The older memory tells an event itself: no standing fact.
    ["Moss got lost in the park last spring.", "Moss died in June."],
  ];
  for (const [older, newer] of none) assert.ok(!endsFact(older, newer), newer);
});

Deno.test("a parting told of several ends only a fact naming each of them", () => {
  assert.deepEqual([...PARTING_VERBS], ["split", "broke", "divorc"]);
  assert.ok(endsFact("Mum and Dad run a B&B in Whitby.", "Mum and Dad split up last year."));
  assert.ok(endsFact("Jo and Sam share a flat in Hull.", "Jo and Sam broke up in May."));
  // One of the two's own fact: the parting ends what they shared, not it.
  assert.ok(
    !endsFact("Dad's spaniel Moss hates the hoover.", "Mum and Dad split up when I was nine."),
  );
  assert.ok(!endsFact("Mum worked at a pharmacy for years.", "Mum and Dad divorced in 2001."));
  assert.ok(!endsFact("Jo teaches piano in Hull.", "Jo and Sam broke up in May."));
  // A parting told of one alone still ends that one's fact ("teo and I": "I" is no head).
  assert.ok(endsFact("my boyfriend teo is a chef", "teo and I split up last month"));
  // Another ending told of several ends a fact of either ("died" is no parting).
  assert.ok(endsFact("Our cat Moss sleeps all day.", "Moss and Pip died in the heatwave."));
});

Deno.test("search: an ending told of a standing fact's subject ranks first, stored without a link (real SQLite)", async () => {
  assert.deepEqual(
    await rankedAfter(
      [
        "We have an old greyhound named Rocket who sleeps by the fire.",
        "Rocket passed away in May.",
      ],
      "Is Rocket still alive?",
    ),
    [1, 0],
  );
  assert.deepEqual(
    await rankedAfter(
      [
        "My phone is a battered old Nokia that I refuse to replace.",
        "My old Nokia finally died and I replaced it with a secondhand Fairphone.",
      ],
      "What phone do I use?",
    ),
    [1, 0],
  );
});

Deno.test("search: news that adds to a standing fact about someone does not replace it (real SQLite)", async () => {
  const ranked = await rankedAfter(
    ["My sister Carla lives in Leeds with her husband.", "Carla took up pilates on Thursdays."],
    "Where does my sister Carla live?",
  );
  assert.equal(ranked[0], 0);
});

Deno.test("a word of parting told of several changes only a fact naming each of them", () => {
  const stemsOf = (older: string, newer: string) =>
    changesOfFact(changeStems(newer), { older, newer }).map(({ stems }) => stems[0]);
  assert.deepEqual(
    stemsOf("Dad's spaniel Moss hates the hoover.", "Mum and Dad divorced last year."),
    [],
  );
  assert.deepEqual(stemsOf("Kai's band plays the Leadmill.", "Kai and Mo broke up in May."), []);
  assert.deepEqual(
    stemsOf("Mum and Dad run a B&B in Whitby.", "Mum and Dad divorced last year."),
    ["divorc"],
  );
  // One alone ("I" is no head), a parting with an object, another change word: kept.
  assert.deepEqual(stemsOf("my boyfriend teo is a chef", "teo and I broke up"), ["broke"]);
  assert.deepEqual(stemsOf("Lena's husband Tom is a vet.", "Lena divorced Tom"), ["divorc"]);
  assert.deepEqual(
    stemsOf("Dad's spaniel Moss hates the hoover.", "Mum and Dad divorced, Dad switched vets"),
    ["switch"],
  );
});

Deno.test("search: a couple's break-up told with a word of change is no update of one's own fact (real SQLite)", async () => {
  // Through the word of change (`changesFrom`), "divorced" and "broke up" told a change of every
  // fact naming either of the two.
  assert.deepEqual(
    await rankedAfter(
      ["Dad's spaniel Moss is terrified of the hoover.", "Mum and Dad divorced last year."],
      "what's Dad's dog called",
    ),
    [0, 1],
  );
  assert.deepEqual(
    await rankedAfter(
      ["Mum and Dad run a B&B in Whitby.", "Mum and Dad divorced last year."],
      "what do Mum and Dad run",
    ),
    [1, 0],
  );
});
