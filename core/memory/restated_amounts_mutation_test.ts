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
