/** Unlinked updates that give a number a new value, and numbers that are none (`unlinked_updates.ts`). */
import assert from "node:assert/strict";
import { type FactThenNewer, rankedFactThenNewer } from "./testing/told_memories.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

/** A fact, then a change to a new value of what it measured, sharing few or no words with it. */
const NEW_VALUES: FactThenNewer[] = [
  {
    fact: "I weigh 92 kilos.",
    newer: "After a winter of swimming I'm down to 84 kilograms.",
    query: "What is my weight?",
  },
  {
    fact: "I sleep about 6 hours a night.",
    newer: "Since the baby arrived I'm down to 4 hours.",
    query: "How many hours do I sleep?",
  },
  // In no one's voice.
  {
    fact: "Our water bill is 60 euros a month.",
    newer: "The water company raised the bill to 75 euros from May.",
    query: "How much is our water bill?",
  },
  {
    fact: "Our internet costs 30 euros a month.",
    newer: "The provider put the price up to 38 euros.",
    query: "What do we pay for internet?",
  },
  // Both in no one's voice.
  {
    fact: "Tom takes metformin, 500 mg twice a day.",
    newer: "His doctor raised the metformin to 850 mg twice a day.",
    query: "How much metformin does Tom take?",
  },
];

for (const memories of NEW_VALUES) {
  Deno.test(`search: a change to a new value of what the fact measured comes first: "${memories.query}" (real SQLite)`, async () => {
    const { fact, newer, top } = await rankedFactThenNewer(memories);
    assert.equal(top[0], newer);
    assert.equal(top[1], fact);
  });
}

/** A still-current fact, then a newer memory that states a number of something else. */
const OTHER_NUMBERS: FactThenNewer[] = [
  {
    fact: "I have worked as a nurse at the city hospital since 2019.",
    newer: "I work 3 night shifts a week at the city hospital.",
    query: "Since when have I worked at the city hospital?",
  },
  {
    fact: "My piano lesson is every Tuesday at 5 pm.",
    newer: "My piano teacher charges 40 euros for a lesson.",
    query: "When is my piano lesson?",
  },
  {
    fact: "My sister Ana was born in 1990.",
    newer: "My sister Ana has 2 kids and lives in Porto.",
    query: "When was my sister Ana born?",
  },
  {
    fact: "We live in flat 3B on the 4th floor.",
    newer: "Our flat 3B has a balcony of 6 square meters.",
    query: "Which floor is our flat on?",
  },
  {
    fact: "My daughter Mila is 4 years old.",
    newer: "My daughter Mila's class has 20 children.",
    query: "How old is my daughter Mila?",
  },
  // A number of the same unit, but no change brought it ("to" before it: `reachesNewValue`):
  // someone or something else's, a second job, an added hobby.
  {
    fact: "My son Leo is 8 years old.",
    newer: "My nephew Sami is 11 years old.",
    query: "How old is my son Leo?",
  },
  {
    fact: "My daughter is 6 years old.",
    newer: "Our dog is 3 years old.",
    query: "How old is my daughter?",
  },
  {
    fact: "I run 5 km every morning before work.",
    newer: "Last Sunday I walked 12 km in the hills with my sister.",
    query: "How far do I run every morning?",
  },
  {
    fact: "Our rent is 900 euros a month.",
    newer: "The neighbours pay 1,200 euros for a bigger flat.",
    query: "How much is our rent?",
  },
  {
    fact: "I work 30 hours a week at the library.",
    newer: "I also took a second job and now work 10 hours a week at a café.",
    query: "How many hours do I work at the library?",
  },
  // A change to a new value, but someone else's (`namesSomeoneElse`).
  {
    fact: "Our rent is 900 euros a month.",
    newer: "Sam's rent went up to 1,200 euros a month.",
    query: "How much is our rent?",
  },
  {
    fact: "I earn 3,000 euros a month.",
    newer: "My wife's salary rose to 3,500 euros a month.",
    query: "How much do I earn?",
  },
  {
    fact: "Tom's rent is 900 euros a month.",
    newer: "Sam's rent went up to 1,200 euros a month.",
    query: "How much is Tom's rent?",
  },
  {
    fact: "Anna runs 10 km every Sunday.",
    newer: "Her sister increased her long run to 21 km.",
    query: "How far does Anna run on Sundays?",
  },
  {
    fact: "I play tennis 2 times a week.",
    newer: "I took up swimming and go to the pool 3 times a week.",
    query: "How often do I play tennis?",
  },
];

for (const memories of OTHER_NUMBERS) {
  Deno.test(`search: a number of something else replaces no fact: "${memories.query}" (real SQLite)`, async () => {
    const { fact, top } = await rankedFactThenNewer(memories);
    assert.equal(top[0], fact);
  });
}

/** A fact, then a newer memory whose "now" adds to it (`tellsAddition`): the fact still holds. */
const ADDITIONS: FactThenNewer[] = [
  {
    fact: "I play the guitar in a jazz band.",
    newer: "I now play the drums in a rock band as well.",
    query: "Do I still play the guitar?",
  },
  {
    fact: "I go swimming every Monday.",
    newer: "I now go running on Thursdays as well.",
    query: "Do I still go swimming?",
  },
  {
    fact: "I have a part-time job at the library.",
    newer: "I started a second job at a café and now work six days a week.",
    query: "Do I still work at the library?",
  },
];

for (const memories of ADDITIONS) {
  Deno.test(`search: a second job, pet or hobby replaces no fact: "${memories.query}" (real SQLite)`, async () => {
    const { fact, top } = await rankedFactThenNewer(memories);
    assert.equal(top[0], fact);
  });
}

Deno.test("a new amount of money replaces an older one only about the same thing (recall45)", async () => {
  // The rent raised: the newer amount first.
  assert.deepEqual(
    (await rankedAfter(
      [
        "rent is £475 a month each plus bills",
        "landlord put the rent up to £520 a month each from june 😤",
      ],
      "how much is my rent",
    )).slice(0, 2),
    [1, 0],
  );
  // A price of something else in pounds is no new rent, though both say "june".
  assert.deepEqual(
    (await rankedAfter(
      [
        "going to parklife in june, got tickets off leahs mate for £90",
        "landlord put the rent up to £520 a month each from june 😤",
      ],
      "parklife tickets in june",
    ))[0],
    0,
  );
});
