import assert from "node:assert/strict";
import { awaitedHeads, PROSPECTS_READ } from "./awaited_heads.ts";
import { CLAUSES_READ, meetsProspect, prospectAsked } from "./met_prospects.ts";
import {
  BACKGROUND,
  type FactThenNewer,
  ranked,
  rankedFactThenNewer,
  told,
  withSqlite,
} from "./testing/told_memories.ts";
import { rankedAfter } from "./testing/ranked_after.ts";
import { updateItem } from "./testing/update_items.ts";
import { findUnlinkedUpdates } from "./unlinked_updates.ts";

Deno.test("awaitedHeads: the head after a frame of awaiting, or the word before 'due'", () => {
  assert.deepEqual(awaitedHeads("im saving up for a steam deck, got about £180 so far"), ["deck"]);
  assert.deepEqual(awaitedHeads("I'm on the waiting list for a new hip"), ["hip"]);
  assert.deepEqual(awaitedHeads("Sam goes on maternity leave in April, baby due 30 April"), [
    "babi",
  ]);
  assert.deepEqual(awaitedHeads("the baby is due in May"), ["babi"]);
  // No frame of awaiting: nothing awaited ("saved" tells it done, "due to" no thing).
  assert.deepEqual(awaitedHeads("I saved the file for later"), []);
  assert.deepEqual(awaitedHeads("We are saving money"), []);
  // A word of time before "due" is no thing awaited.
  assert.deepEqual(awaitedHeads("rent payment on Monday due"), []);
  // The prop-word "one" stands for a noun said elsewhere: no thing awaited of its own.
  assert.deepEqual(awaitedHeads("my medical is every five years, the next one is due in 2028"), []);
  assert.deepEqual(awaitedHeads("saving for the new one"), []);
});

Deno.test("awaitedHeads: a child when pregnant, and the events scheduled ahead", () => {
  const child = ["babi", "boi", "girl", "son", "daughter", "twin"];
  assert.deepEqual(awaitedHeads("Maja's pregnant again!! due mid November"), child);
  assert.deepEqual(awaitedHeads("Next Friday I have a job interview at a design agency."), [
    "interview",
  ]);
  assert.deepEqual(awaitedHeads("I've got a dentist appointment tomorrow"), ["appoint"]);
  assert.deepEqual(awaitedHeads("I have a job interview coaching business"), []);
  assert.deepEqual(awaitedHeads("Maja's baby is lovely"), []);
});

Deno.test("meetsProspect: a scheduled event told as the subject of a past verb took place", () => {
  const interview = "Next Friday I have a job interview at a design agency.";
  assert.equal(
    meetsProspect(interview, "The interview went well and the agency offered me the position."),
    true,
  );
  assert.equal(meetsProspect(interview, "I had the interview, it was fine"), true);
  // Not told as real, not the event, or scheduled again.
  assert.equal(meetsProspect(interview, "The interview should have been easy"), false);
  assert.equal(meetsProspect(interview, "The agency was very busy"), false);
  assert.equal(
    meetsProspect(interview, "The interview went well, tomorrow I have a second interview"),
    false,
  );
  // A thing awaited is no event that takes place: told as a subject, it is not met.
  assert.equal(meetsProspect("Maja's pregnant again!!", "the baby was kicking all night"), false);
});

Deno.test("meetsProspect: a child had after 'pregnant'", () => {
  const pregnant = "Theo said: Maja's pregnant again!! due mid November";
  assert.equal(meetsProspect(pregnant, "Theo said: Maja had the baby! a boy, Arvid"), true);
  assert.equal(meetsProspect(pregnant, "Maja had a girl on Sunday"), true);
  assert.equal(meetsProspect(pregnant, "Maja had the baby shower at Elsie's"), false);
  assert.equal(meetsProspect(pregnant, "Jonah had the baby"), false);
  // A birth is told with "had": a deed done to a child meets no "pregnant" (set5's false pair).
  const sister = "My sister is pregnant with twins.";
  assert.equal(meetsProspect(sister, "My sister had twins!"), true);
  assert.equal(meetsProspect(sister, "I taught my daughter to ride a bike."), false);
  assert.equal(meetsProspect(sister, "my sister carried the twins upstairs"), false);
  // A child awaited by another frame is met by any past verb of it, as before.
  const waiting = "I'm waiting for my daughter, school ran late";
  assert.equal(meetsProspect(waiting, "I collected my daughter at four"), true);
});

Deno.test("awaitedHeads reads at most PROSPECTS_READ frames of a text", () => {
  assert.equal(PROSPECTS_READ, 8);
  const text = Array.from({ length: 20 }, (_, i) => `saving for thing${"x".repeat(i)}.`).join(" ");
  assert.equal(awaitedHeads(text).length, PROSPECTS_READ);
});

Deno.test("meetsProspect: a past event of the awaited thing, told of the older one's subject", () => {
  const saving = "im saving up for a steam deck, got about £180 so far";
  assert.equal(meetsProspect(saving, "bought the steam deck!!! the 512gb oled one"), true);
  assert.equal(meetsProspect(saving, "Finally bought a steam deck"), true);
  assert.equal(
    meetsProspect(
      "Sam from work goes on maternity leave in April, baby due 30 April",
      "Sam had her baby, a little girl called Maisie, 3 May",
    ),
    true,
  );
});

Deno.test("meetsProspect: not someone else's event, nor awaiting again, nor another word", () => {
  const saving = "im saving up for a steam deck, got about £180 so far";
  // Someone the older memory does not name did it.
  assert.equal(meetsProspect(saving, "Jayden bought a steam deck"), false);
  // Still awaiting it.
  assert.equal(meetsProspect(saving, "saved another £50 for the steam deck"), false);
  // No verb in the past: not had yet.
  assert.equal(meetsProspect(saving, "the steam deck is so expensive"), false);
  // A word of the older memory that is not the head of what it awaits.
  assert.equal(meetsProspect("I'm saving for a car trip to Wales", "I washed the car"), false);
  // Another clause: the event and the thing must be told together.
  assert.equal(meetsProspect(saving, "I watched a film. The steam deck is on sale"), false);
  // No prospect in the older memory at all.
  assert.equal(meetsProspect("I own a steam deck", "I sold the steam deck"), false);
});

Deno.test("awaitedHeads reads at most PROSPECTS_READ frames of 'due'", () => {
  const text = Array.from({ length: 20 }, (_, i) => `thing${"x".repeat(i)} due.`).join(" ");
  assert.equal(awaitedHeads(text).length, PROSPECTS_READ);
});

Deno.test("meetsProspect: an event denied, under a modal, intended or a condition is not met", () => {
  const saving = "im saving up for a steam deck, got about £180 so far";
  for (
    const newer of [
      "I haven't bought the steam deck yet",
      "I didn't buy the steam deck",
      "I never bought the steam deck",
      "I should have bought the steam deck",
      "I could've bought the steam deck",
      "I'd have bought the steam deck",
      "I'll have bought the steam deck by May",
      "I was going to buy the steam deck but the 2 games cost too much",
      "if I bought the steam deck I'd be broke",
    ]
  ) assert.equal(meetsProspect(saving, newer), false, newer);
  assert.equal(meetsProspect("saving for a car", "if I bought the car now I'd be broke"), false);
  // The event told as real still meets it, in any clause of the newer text.
  assert.equal(meetsProspect(saving, "no regrets, I bought the steam deck"), true);
});

Deno.test("meetsProspect: the awaited thing must head the past verb's object", () => {
  const saving = "im saving up for a steam deck, got about £180 so far";
  for (
    const newer of [
      "I looked at a steam deck in the shop",
      "I asked mum about the steam deck",
      "I watched a review of the steam deck",
    ]
  ) assert.equal(meetsProspect(saving, newer), false, newer);
  assert.equal(meetsProspect("saving for a car", "we talked about the car"), false);
  assert.equal(meetsProspect("saving for a car", "the car I wanted was sold"), false);
  assert.equal(meetsProspect("We're saving for a house", "bought a house plant"), false);
  assert.equal(meetsProspect("waiting for the bus", "the bus was late"), false);
  assert.equal(meetsProspect("saving for a wedding", "we went to Anna's wedding"), false);
  assert.equal(
    meetsProspect("We're saving for a campervan", "We finally bought the campervan"),
    true,
  );
  // An event for the awaited thing, with the awaiting frame's own "for" (past a particle).
  const training = "training for the half marathon in October";
  assert.equal(meetsProspect(training, "I signed up for the full 42 km marathon"), true);
  assert.equal(meetsProspect("saving for a steam deck", "I paid for the steam deck"), true);
  assert.equal(meetsProspect("saving for a steam deck", "I bought myself the steam deck"), true);
  assert.equal(meetsProspect(training, "I signed up for a marathon t-shirt"), false);
});

Deno.test("meetsProspect reads at most CLAUSES_READ clauses of the newer text", () => {
  assert.equal(CLAUSES_READ, 32);
  const saving = "im saving up for a steam deck";
  const late = `${"nothing here, ".repeat(CLAUSES_READ)}bought the steam deck`;
  assert.equal(meetsProspect(saving, late), false);
  // The 32nd clause is read, the 33rd is not.
  const last = `${"nothing here, ".repeat(CLAUSES_READ - 1)}bought the steam deck`;
  assert.equal(meetsProspect(saving, last), true);
});

Deno.test("prospectAsked: a query naming the awaited thing, not another word of the memory", () => {
  const saving = "We're saving for a campervan, about £4,000 put by so far.";
  assert.equal(prospectAsked(saving, ["save", "campervan"]), true);
  assert.equal(prospectAsked(saving, ["save", "much"]), false);
  assert.equal(prospectAsked(saving, undefined), false);
});

/** A prospect, then the event that meets it, told with no word of change. */
const MET: FactThenNewer[] = [
  {
    fact: "I'm saving up for a steam deck, got about £180 so far.",
    newer: "Bought the steam deck! The 512gb oled one.",
    query: "how much have I saved for the steam deck",
  },
];

for (const memories of MET) {
  Deno.test(`search: a prospect met comes first, stored without a link: "${memories.newer}" (real SQLite)`, async () => {
    const { fact, newer, top } = await rankedFactThenNewer(memories);
    assert.equal(top[0], newer);
    assert.equal(top[1], fact);
  });
}

Deno.test("search: a prospect met with no other sign of an update comes first (real SQLite)", async () => {
  // No number nor word of change in the newer line: read only because the older one awaits
  // (`findUnlinkedUpdates`); the question names the awaited thing (`prospectAsked`). A line
  // with a number among the rest, as most stores have, lets the search pair at all
  // (`mayPairAsUpdates`).
  await withSqlite(async (fixture) => {
    const [older, newer] = await told(fixture, {
      background: [...BACKGROUND, "The boiler service on the 14th cost £85."],
      told: [
        "We're saving for a campervan, about £4,000 put by so far.",
        "We finally bought the campervan!",
      ],
    });
    const top = await ranked(fixture, "how much have we saved for the campervan");
    assert.deepEqual(top.slice(0, 2), [newer, older]);
  });
});

Deno.test("search: a scheduled event told in the past, in no one's voice, comes first (real SQLite)", async () => {
  // No number in the store: only the awaited thing lets the search pair (`mayPairAsUpdates`);
  // the newer line is in no one's voice, compared only as it names the awaited thing
  // (`awaited_names.ts`).
  await withSqlite(async (fixture) => {
    const [older, newer] = await told(fixture, {
      background: BACKGROUND,
      told: [
        "Next Friday I have a job interview at a design agency.",
        "The interview went well and the agency offered me the position.",
      ],
    });
    const top = await ranked(fixture, "When is my job interview?");
    assert.deepEqual(top.slice(0, 2), [newer, older]);
  });
});

Deno.test("search: a child had after 'pregnant' comes first (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    const [older, newer] = await told(fixture, {
      background: BACKGROUND,
      told: ["My sister Maja is pregnant again!", "Maja had the baby, a boy called Arvid."],
    });
    const top = await ranked(fixture, "has Maja had the baby yet");
    assert.deepEqual(top.slice(0, 2), [newer, older]);
  });
});

Deno.test("search: a newer line that merely mentions the awaited thing leaves the fact first (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    const [older] = await told(fixture, {
      background: BACKGROUND,
      told: [
        "I'm saving up for a steam deck, got about £180 so far.",
        "Jayden bought a steam deck and started a new game on it.",
      ],
    });
    assert.equal((await ranked(fixture, "how much have I saved for the steam deck"))[0], older);
  });
});

/** A prospect, then a line that names the awaited thing without meeting it: the fact stays first. */
const NOT_MET: { told: string[]; query: string }[] = [
  {
    told: [
      "The boiler service on the 14th cost £85.",
      "I'm saving up for a steam deck, got about £180 so far.",
      "I haven't bought the steam deck yet, maybe at Christmas.",
    ],
    query: "how much have I saved for the steam deck",
  },
  {
    told: [
      "The boiler service on the 14th cost £85.",
      "I'm saving up for a steam deck, got about £180 so far.",
      "I should have bought the steam deck in the sale.",
    ],
    query: "how much have I saved for the steam deck",
  },
  {
    told: [
      "The boiler service on the 14th cost £85.",
      "I'm saving for a car, about £3,000 so far.",
      "if I bought the car now I'd be broke.",
    ],
    query: "how much have I saved for the car",
  },
  {
    told: [
      "I'm saving up for a steam deck, got about £180 so far.",
      "I was going to buy the steam deck but the 2 games cost too much.",
    ],
    query: "how much have I saved for the steam deck",
  },
  {
    told: [
      "I'm saving up for a steam deck, got about £180 so far.",
      "I watched a review of the steam deck last night, 20 minutes long.",
    ],
    query: "how much have I saved for the steam deck",
  },
  {
    told: ["I'm saving for a car, about £3,000 so far.", "We talked about the car for 2 hours."],
    query: "how much have I saved for the car",
  },
];

for (const { told: lines, query } of NOT_MET) {
  Deno.test(`search: the older fact stays above "${lines.at(-1)}" (real SQLite)`, async () => {
    const top = await rankedAfter(lines, query);
    const fact = lines.length - 2;
    assert.ok(top.includes(fact), JSON.stringify(top));
    assert.ok(
      !top.includes(fact + 1) || top.indexOf(fact) < top.indexOf(fact + 1),
      JSON.stringify(top),
    );
  });
}

/** `findUnlinkedUpdates` over `items`, every pair alike in words and meaning. */
function pairUp(items: ReturnType<typeof updateItem>[], queryTerms: string[]): void {
  findUnlinkedUpdates(items, {
    sameSubject: () => ({ words: 0.5, meaning: 0.5 }),
    compared: 30,
    queryTerms,
    linked: () => false,
  });
}

Deno.test("findUnlinkedUpdates: a prospect met pairs in any voice, its subject the older one's", () => {
  // Remarks about someone else (no compared voice): the met prospect alone lets them pair.
  const items = [
    // Numbers make them compared in no one's voice (`measuringVoice`).
    updateItem("due", "Sam from work starts her leave on 1 April, her baby's due on the 30th", {
      relevance: 0.8,
      minute: 1,
      voice: "other",
    }),
    updateItem("born", "Sam had her baby on 2 May, a girl, 3.2 kg", {
      relevance: 0.8,
      minute: 2,
      voice: "other",
    }),
  ];
  pairUp(items, ["sam", "babi"]);
  assert.equal(items[0]!.replacedBy, items[1]);
});

Deno.test("findUnlinkedUpdates: someone else's event of the awaited thing is no update", () => {
  const items = [
    updateItem("saving", "I'm saving up for a steam deck, got about £180 so far", {
      relevance: 0.8,
      minute: 1,
    }),
    updateItem("jayden", "Jayden bought a steam deck", {
      relevance: 0.8,
      minute: 2,
      voice: "other",
    }),
  ];
  pairUp(items, ["steam", "deck"]);
  assert.equal(items[0]!.replacedBy, undefined);
});
