import assert from "node:assert/strict";
import { BARE_RATIO, restatesBareAmount, statedBareAmounts } from "./bare_amounts.ts";
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
