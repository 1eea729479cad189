import assert from "node:assert/strict";
import { tellsChange } from "./query_now.ts";
import { changeStems } from "./change_words.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

Deno.test("a verb of change with its particle after its object tells a change, acting on that object", () => {
  assert.ok(tellsChange("paid jojo back the $250 finally, we're square"));
  assert.ok(tellsChange("I paid off the car loan in March."));
  assert.ok(tellsChange("I paid back the money I borrowed."));
  assert.ok(tellsChange("I gave it up after a year."));
  const [paid] = changeStems("paid jojo back the $250 finally");
  assert.deepEqual(paid?.stems, ["paid"]);
  assert.equal(paid?.direct, "jojo", "the particle is no part of what it acts on");
});

Deno.test("the verb alone, or its particle elsewhere, tells no change", () => {
  assert.ok(!tellsChange("I paid for dinner at the Thai place."));
  assert.ok(!tellsChange("We paid the plumber and he came back on Monday."));
  assert.ok(!tellsChange("She gave me a lift up the hill."));
  assert.ok(!tellsChange("I cut my finger on the tin."));
});

Deno.test("search: a debt paid back ranks above the debt, stored without a link (real SQLite)", async () => {
  assert.deepEqual(
    await rankedAfter(
      [
        "I owe my sister Hana 300 euros for the flights, I need to pay her back.",
        "Finally paid Hana back the 300 euros, we're even.",
      ],
      "Do I owe Hana money?",
    ),
    [1, 0],
  );
});
