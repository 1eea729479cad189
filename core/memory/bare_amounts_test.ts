import assert from "node:assert/strict";
import { BARE_RATIO, restatesBareAmount, statedBareAmounts } from "./bare_amounts.ts";
import { AMOUNTS_READ } from "./restated_amounts.ts";
import { terms } from "./text.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

Deno.test("restatesBareAmount: a bare value of a subject the older line gives an amount of, of its size (BARE_RATIO)", () => {
  const older = "rent is 1850 euro every month, it is eating half of my salary";
  const restates = (newer: string) =>
    restatesBareAmount(newer, { text: older, terms: new Set(terms(older)) });
  assert.equal(BARE_RATIO, 2);
  assert.ok(restates("the landlord wrote, from December rent is 1950, he says it is the tax"));
  assert.ok(restates("rent is 3700 from the new year"), "twice the older value at most");
  assert.ok(!restates("rent is 3701 from the new year"), "more than twice: not its size");
  assert.ok(restates("rent is 925 from the new year"));
  assert.ok(!restates("rent is 924 from the new year"), "less than half");
  assert.ok(!restates("rent is 1850 still"), "the same value");
  assert.ok(!restates("the deposit is 1950"), "another thing's");
  assert.ok(!restates("leah's rent is 1950"), "another owner's");
  assert.ok(!restates("rent is 1950 euro"), "with a unit: restatesAmount's, not this");
});

Deno.test("statedBareAmounts: a bare number opening its subject's predicate; a time word is no part of the subject", () => {
  const subjects = (text: string) => statedBareAmounts(text).map((amount) => amount.subject);
  assert.deepEqual(subjects("from December rent is 1950"), [["rent"]]);
  assert.deepEqual(subjects("rent is the 4th"), [], "an ordinal is no value");
  assert.deepEqual(subjects("rent is £1950"), [], "an amount with a unit is not bare");
});

Deno.test("a bare value restated of the older amount's subject replaces it without a link (real SQLite)", async () => {
  const told = [
    "rent is 1250 pounds a month for the flat on Elm Road",
    "got a letter from the letting agency today, from March rent is 1300, they blamed the council tax and boiler repairs",
  ];
  assert.deepEqual(
    (await rankedAfter(told, "how much is the rent for the flat?")).slice(0, 2),
    [1, 0],
  );
});

Deno.test("restatesBareAmount: a subject another person's possessive opens is another's ('her rent is 1950')", () => {
  const older = "rent is 1850 euro every month";
  const restates = (newer: string) =>
    restatesBareAmount(newer, { text: older, terms: new Set(terms(older)) });
  for (const owner of ["her", "his", "their", "your"]) {
    assert.ok(!restates(`${owner} rent is 1950`), owner);
  }
  assert.ok(restates("my rent is 1950"));
});

Deno.test("a bare value told with the teller's name still replaces the older amount (real SQLite)", async () => {
  // The name is who told it, not whose rent: the subject frame reads the owner.
  const told = [
    "rent is 1250 pounds a month for the flat on Elm Road",
    "Mrs Okafor from the agency phoned, from March rent is 1300, she blamed the council tax and boiler repairs",
  ];
  assert.deepEqual(
    (await rankedAfter(told, "how much is the rent for the flat?")).slice(0, 2),
    [1, 0],
  );
});

Deno.test("restatesBareAmount: after the number its clause adds only time, 'now', 'still' or the older line's words", () => {
  const restates = (older: string, newer: string) =>
    restatesBareAmount(newer, { text: older, terms: new Set(terms(older)) });
  const rent = "my rent is £650 a month for the flat";
  assert.ok(!restates(rent, "rent is 900 for the garage next door"), "another thing's");
  assert.ok(!restates(rent, "rent is 700 in Leeds on average, I read in the paper"));
  assert.ok(!restates(rent, "rent is 800 for her"), "a third person's");
  assert.ok(!restates(rent, "rent is 800 for herself"), "a third person's, reflexive");
  assert.ok(!restates("the bill is £60 a month for the electric", "the bill is 45 for the gas"));
  assert.ok(!restates("the score was 3 goals to nil", "the score was 5 in the cup game"));
  // Time, "now", "still" and the older line's own words add nothing.
  assert.ok(restates(rent, "rent is 700 now"));
  assert.ok(restates(rent, "rent is 700 from next month"));
  assert.ok(restates(rent, "rent is 700 for the flat from the new year"));
});

Deno.test("statedBareAmounts reads at most AMOUNTS_READ bare numbers of a text", () => {
  assert.equal(AMOUNTS_READ, 8);
  const text = Array.from({ length: 20 }, (_, i) => `rent is ${100 + i}.`).join(" ");
  assert.equal(statedBareAmounts(text).length, AMOUNTS_READ);
});

for (
  const [told, query] of [
    [
      ["my rent is £650 a month for the flat", "rent is 900 for the garage next door"],
      "how much is my rent",
    ],
    [[
      "my rent is £650 a month for the flat",
      "rent is 700 in Leeds on average, I read in the paper",
    ], "how much is my rent"],
    [
      ["the bill is £60 a month for the electric", "the bill is 45 for the gas"],
      "how much is the electric bill",
    ],
    [
      ["the score was 3 goals to 1 in the final", "the score was 5 in the cup game today"],
      "what was the score in the final",
    ],
  ] as const
) {
  Deno.test(`a bare value of something else leaves the older amount first: "${told[1]}" (real SQLite)`, async () => {
    const top = await rankedAfter(told, query);
    assert.equal(top[0], 0, JSON.stringify(top));
  });
}

Deno.test("restatesBareAmount: 'my daughter's rent' is the daughter's, not the user's", () => {
  const older = "my daughter's rent is £650 a month";
  const restates = (newer: string) =>
    restatesBareAmount(newer, { text: older, terms: new Set(terms(older)) });
  assert.ok(!restates("my rent is 700"));
  assert.ok(restates("my daughter's rent is 700"));
});
