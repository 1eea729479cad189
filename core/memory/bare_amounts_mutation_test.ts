import assert from "node:assert/strict";
import { restatesBareAmount } from "./bare_amounts.ts";
import { terms } from "./text.ts";

const RENT = "my rent is £650 a month for the flat";

function restatesRent(newer: string): boolean {
  return restatesBareAmount(newer, { text: RENT, terms: new Set(terms(RENT)) });
}

Deno.test("restatesBareAmount: any third person's pronoun after the number makes the value another's", () => {
  for (
    const newer of [
      "rent is 700 if he can",
      "rent is 700 if she can",
      "rent is 700 for him",
      "rent is 700 for her",
      "rent is 700 and his is 900",
      "rent is 700 and hers is 900",
      "rent is 700 if they can",
      "rent is 700 for them",
      "rent is 700 and their rent is 900",
      "rent is 700 and theirs is 900",
    ]
  ) assert.equal(restatesRent(newer), false, newer);
  // The first person's is the teller's own.
  assert.equal(restatesRent("rent is 700 if we can"), true);
});

Deno.test("restatesBareAmount: 'still' after a word of time adds nothing", () => {
  assert.equal(restatesRent("rent is 700 now still"), true);
  assert.equal(restatesRent("rent is 700 from next month still"), true);
});

Deno.test("restatesBareAmount: every content word after the number counts, not only the clause's last", () => {
  // "garage" modifies "flat": another flat's rent, though "flat" is the older line's word.
  assert.equal(restatesRent("rent is 700 for the garage flat"), false);
});

Deno.test("restatesBareAmount: every subject word must be the older line's, and values of one or less are read", () => {
  // "garage" is no word of the older line: another rent, though the head is the same.
  assert.equal(restatesRent("garage rent is 700"), false);
  // A value of 1 is a value: within BARE_RATIO of an older 1.5, and an older 1 is an amount too.
  const fee = (older: string, newer: string) =>
    restatesBareAmount(newer, { text: older, terms: new Set(terms(older)) });
  assert.equal(fee("the fee is 1.5 euro a day", "the fee is 1 now"), true);
  assert.equal(fee("the fee is 1 euro a day", "the fee is 2 now"), true);
});
