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
