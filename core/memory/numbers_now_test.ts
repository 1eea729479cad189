import assert from "node:assert/strict";
import { rankedAfter } from "./testing/ranked_after.ts";
import { reachedNumbersOf } from "./new_numbers.ts";

Deno.test("a number after 'now' in its clause is a value reached, as after 'to'", () => {
  const seats = reachedNumbersOf(
    "Greta added five seats, so the licence now covers 15 user accounts.",
  );
  assert.deepEqual([...seats.get("user") ?? []], ["15"]);
  assert.deepEqual([...reachedNumbersOf("The rent went up to 1,050 euros.").get("euro") ?? []], [
    "1050",
  ]);
  // "now" in another clause, or none: a count of something, not a new value.
  assert.equal(reachedNumbersOf("I walked 12 km today, and now I'm tired.").size, 0);
  assert.equal(reachedNumbersOf("Now that it's spring, I walked 12 km.").size, 0);
  assert.equal(reachedNumbersOf("The licence covers 15 user accounts.").size, 0);
  // A "now" that adds to what was: a second job's hours, not the first one's new value.
  assert.equal(
    reachedNumbersOf("I also took a second job and now work 10 hours a week at a café.").size,
    0,
  );
});

Deno.test("a newer remark giving a measure's value now replaces the older one without a link", async () => {
  const ranked = await rankedAfter(
    [
      "Greta's licence covers 10 user accounts; they currently use 7.",
      "Greta added five seats, so the licence now covers 15 user accounts.",
    ],
    "How many user accounts does Greta's licence cover?",
  );
  assert.deepEqual(ranked.slice(0, 2), [1, 0]);
});
