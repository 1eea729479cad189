import assert from "node:assert/strict";
import {
  QUANTITIES_READ,
  quantityKinds,
  quantityReadCount,
  restatesQuantity,
} from "./restated_quantities.ts";
import { rankedFactThenNewer } from "./testing/told_memories.ts";
import { updateItem } from "./testing/update_items.ts";
import { findUnlinkedUpdates } from "./unlinked_updates.ts";

/** `quantityKinds` as plain pairs of kind and values. */
function kinds(text: string): [string, string[]][] {
  return [...quantityKinds(text)].map(([kind, values]) => [kind, [...values]]);
}

Deno.test("quantityKinds: a quantity's kind is its unit and what it is per", () => {
  assert.deepEqual(kinds("Jayden pays £520 a month for a room"), [["pound|month", ["520"]]]);
  assert.deepEqual(kinds("approx £130/wk"), [["pound|week", ["130"]]]);
  assert.deepEqual(kinds("giffgaff £10/mo"), [["pound|month", ["10"]]]);
  assert.deepEqual(kinds("the guy quoted £3,400, to expensive"), [["pound|", ["3400"]]]);
  assert.deepEqual(kinds("metformin 500mg two times a day"), [["mg|", ["500"]]], "how often");
  assert.deepEqual(kinds("down to like 3 pods a week"), [["pod|week", ["3"]]], "a unit's word");
  assert.deepEqual(kinds("every other week £40 each other week"), [["pound|week", ["40"]]]);
});

Deno.test("quantityKinds: an increment on another amount is a kind of its own", () => {
  assert.deepEqual(kinds("a pitch raise is an extra $90 on top of the tuning"), [
    ["+dollar|", ["90"]],
  ]);
  assert.deepEqual(kinds("it's $20 more at weekends"), [["+dollar|", ["20"]]]);
  assert.deepEqual(kinds("another £50 for the cot"), [["+pound|", ["50"]]]);
});

Deno.test("quantityKinds: no bare number, ordinal, date or time of day", () => {
  assert.deepEqual(kinds("Kacper is 15, born 2011"), []);
  assert.deepEqual(kinds("the 4th floor, from the 14th"), []);
  assert.deepEqual(kinds("weight 71.5kg (2 Jan)"), [["kilo|", ["71.5"]]]);
  assert.deepEqual(kinds("Tuesday 3 March at 8am"), []);
  assert.deepEqual(kinds("ran it in 47 minutes"), [["minut|", ["47"]]], "a duration stays");
});

Deno.test("restatesQuantity: a new value of the same kind, never of another kind", () => {
  assert.ok(
    restatesQuantity("Jayden pays £520 a month", "jayden's moving, £575 a month plus bills"),
  );
  assert.ok(restatesQuantity("the guy quoted £3,400", "roof man came back, £2,900 if we pay cash"));
  assert.ok(restatesQuantity("I take metformin 500mg", "now 1000mg once a day with dinner"));
  assert.ok(!restatesQuantity("rent is £520 a month", "rent is £520 a month still"), "same value");
  assert.ok(!restatesQuantity("rent is £520 a month", "the deposit was £1,040"), "a total");
  assert.ok(!restatesQuantity("I run 5 km every morning", "I walked 12 km in the hills"), "a rate");
  assert.ok(!restatesQuantity("I charge $140 for a tuning", "a pitch raise is an extra $90"));
  assert.ok(!restatesQuantity("I weigh 92 kg", "the suitcase is 23 pounds"), "another unit");
  // Another's amount: a word for a person or a possessor the older one does not say.
  assert.ok(!restatesQuantity("rent is £520 a month", "my sister pays £600 a month"));
  assert.ok(!restatesQuantity("rent is £520 a month", "Sam's rent is £600 a month"));
  assert.ok(restatesQuantity("Sam's rent is £520 a month", "Sam's rent is £600 a month"));
  assert.ok(restatesQuantity("rent is £520 a month", "moving to Leeds, £600 a month"), "a place");
  // review46b H1: a possessor in lower case, a named subject of a verb, an animal's.
  assert.ok(!restatesQuantity("my rent is £650 a month", "sarah's rent is £700 a month"));
  assert.ok(!restatesQuantity("I take 500mg metformin", "Tom takes 1000mg metformin"));
  assert.ok(!restatesQuantity("I take 500mg metformin", "dog's dose: 50mg carprofen"));
  assert.ok(restatesQuantity("rent is £800 a month", "rent went up, now 850 GBP a month"));
  // review46b H2: another thing of the same unit and period, by its label.
  assert.ok(!restatesQuantity("car insurance £45 a month", "home insurance £30 a month"));
  assert.ok(!restatesQuantity("phone plan £12 a month", "Netflix £10.99 a month"));
  assert.ok(restatesQuantity("car insurance £45 a month", "car insurance £50 a month now"));
  // A contraction of "is" or "has", or a word of time, owns nothing.
  assert.ok(restatesQuantity("my rent is £650 a month", "it's £700 a month now"));
  assert.ok(restatesQuantity("my rent is £650 a month", "this month's rent is £700 a month"));
  assert.ok(restatesQuantity("my rent is £650 a month", "Rent is £700 a month now"), "said");
  // A sentence an article opens names its thing: the older one must say it.
  assert.ok(!restatesQuantity("The bakery sells 20 kinds of bread.", "The stall sells 6 kinds"));
  assert.ok(restatesQuantity("my rent is £520 a month", "The new rent is £600 a month"));
  // An addition: the older quantity still holds beside it.
  assert.ok(!restatesQuantity("I work 30 hours a week", "I also work 10 hours a week at a café"));
  assert.ok(!restatesQuantity("I work 30 hours a week", "a second job, 10 hours a week"));
  assert.ok(restatesQuantity("I work 30 hours a week", "I work 25 hours a week at the café"));
});

Deno.test("quantityKinds reads a text's first QUANTITIES_READ numbers, near each", () => {
  const planted = Array.from({ length: 2_000 }, (_, i) => `item ${i + 1}kg`).join(", ");
  const read = quantityKinds(planted);
  assert.equal(read.get("kilo|")?.size, QUANTITIES_READ);
  assert.equal(QUANTITIES_READ, 8);
});

/** A fact giving an amount, then the same kind of amount restated, and a question on it. */
const RESTATED = [
  {
    fact: "Jayden pays £520 a month rent for his room in Hyde Park.",
    newer: "jayden's room rent goes with the move to Headingley, £575 a month plus bills",
    query: "How much rent does Jayden pay a month?",
  },
  {
    fact: "the roof of the house needs repair, the roofer quoted £3,400, too expensive",
    newer: "roofer came back about the roof repair, £2,900 if we pay cash",
    query: "How much is the roof repair?",
  },
];

for (const memories of RESTATED) {
  Deno.test(`search: "${memories.newer}" restates the amount, first with no link (real SQLite)`, async () => {
    const { newer, top } = await rankedFactThenNewer(memories);
    assert.equal(top[0], newer);
  });
}

/** A question asking how much, which the restated line answers with few of its words. */
const ASKED_HOW_MUCH = [
  {
    fact: "Jayden pays £520 a month rent for his room in Hyde Park.",
    newer: "jayden's moving to Headingley, £575 a month plus bills",
    query: "How much rent does Jayden pay for his room?",
  },
  {
    fact: "The cleaner comes on Tuesdays and charges £12 an hour for the whole house.",
    newer: "cleaner's gone up, £14 an hour from May",
    query: "How much does the cleaner charge for the house?",
  },
];

for (const memories of ASKED_HOW_MUCH) {
  Deno.test(`search: how much, "${memories.newer}" first though it says little of the question (real SQLite)`, async () => {
    const { newer, top } = await rankedFactThenNewer(memories);
    assert.equal(top[0], newer);
  });
}

/**
 * Another person's amount of the same kind (review46b H1), or another thing's (H2): never the
 * user's new value.
 */
const ANOTHER_OWNER = [
  {
    fact: "car insurance is £600 a year with Admiral",
    newer: "home insurance is £300 a year with Admiral",
    query: "how much is my car insurance?",
  },
  {
    fact: "phone plan £20 a month with Three",
    newer: "Netflix £11 a month, on the phone plan bill",
    query: "how much is my phone plan?",
  },
  {
    fact: "I take 500mg metformin twice a day",
    newer: "Tom takes 1000mg metformin twice a day",
    query: "how much metformin do I take?",
  },
  {
    fact: "my rent is £650 a month",
    newer: "sarah's rent is £700 a month, same landlord",
    query: "how much is my rent?",
  },
];

for (const memories of ANOTHER_OWNER) {
  Deno.test(`search: "${memories.newer}" is another's amount or thing's, the fact stays first (real SQLite)`, async () => {
    const { fact, top } = await rankedFactThenNewer(memories);
    assert.equal(top[0], fact);
  });
}

Deno.test("search: an amount of another kind leaves the fact first (real SQLite)", async () => {
  const { fact, top } = await rankedFactThenNewer({
    fact: "I charge $140 for a standard piano tuning.",
    newer: "a pitch raise on a piano is an extra $90 on top of the tuning",
    query: "How much do I charge for a piano tuning?",
  });
  assert.equal(top[0], fact);
});

Deno.test("findUnlinkedUpdates reads each text's quantities once, however many pairs", () => {
  const items = [
    updateItem("fact", "The roofer quoted £3,400 for the roof.", { relevance: 0.8, minute: 1 }),
    ...Array.from(
      { length: 20 },
      (_, i) =>
        updateItem(`quote${i}`, `roofer came back about the roof, £${2_900 - i} cash`, {
          relevance: 0.8,
          minute: 2 + i,
          voice: "other",
        }),
    ),
  ];
  const before = quantityReadCount();
  findUnlinkedUpdates(items, {
    sameSubject: () => ({ words: 0.5, meaning: 0.5 }),
    compared: 30,
    queryTerms: ["roof", "cost"],
    wanted: "quantity",
    linked: () => false,
  });
  assert.ok(items[0]!.replacedBy !== undefined);
  assert.ok(quantityReadCount() - before <= items.length);
});
