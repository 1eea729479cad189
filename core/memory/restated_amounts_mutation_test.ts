import assert from "node:assert/strict";
import { statedAmounts } from "./restated_amounts.ts";

Deno.test("statedAmounts: every preposition of time opening the clause opens no part of the subject", () => {
  for (
    const preposition of [
      "from",
      "since",
      "in",
      "on",
      "after",
      "before",
      "until",
      "till",
      "by",
      "during",
    ]
  ) {
    const text = `${preposition} June rent is £1950`;
    assert.deepEqual(statedAmounts(text).map((amount) => amount.subject), [["rent"]], text);
  }
  // A plural time word too ("on Mondays").
  assert.deepEqual(statedAmounts("on Mondays rent is £1950").map((amount) => amount.subject), [[
    "rent",
  ]]);
});

Deno.test("statedAmounts: a place after the preposition stays in the subject, though it ends in 's'", () => {
  // Only a time word's plural is a time word: "Leeds" is no plural of a time word.
  assert.deepEqual(statedAmounts("in Leeds rent is £700").map((amount) => amount.subject), [[
    "leed",
    "rent",
  ]]);
});
