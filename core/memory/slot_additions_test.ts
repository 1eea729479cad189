/**
 * A second job or thing told with a time or a frequency is one more, not a new value of the slot
 * (review46 R1): "I work at the bar every Friday" after "I work at the hospital as a nurse".
 */
import assert from "node:assert/strict";
import { restatesSlot } from "./restated_slots.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

const NURSE = "I work at the hospital as a nurse";

Deno.test("a slot told again with a time or a frequency adds a value, it replaces none", () => {
  for (
    const newer of [
      "I work at the bar every Friday",
      "I work at the Co-op on Saturday mornings",
      "I work at the Oxfam shop once a week",
      "I work at the pub some evenings",
      "I work at the food bank as a volunteer",
      "I work at the cinema in my spare time",
      "I work at the chippy on Friday nights",
      "I work at the market twice a month",
      "I work at the gym during the week",
    ]
  ) assert.equal(restatesSlot(NURSE, newer), false, newer);
  // Told with no such words, the new value still replaces the old one.
  assert.equal(restatesSlot(NURSE, "I work at Tesco on the tills"), true);
  assert.equal(restatesSlot("I live in Leeds.", "I live in Bristol."), true);
});

Deno.test("search: the first job stays first when a second is told with a time (real SQLite)", async () => {
  assert.equal(
    (await rankedAfter([NURSE, "I work at the bar every Friday"], "where do I work"))[0],
    0,
  );
  assert.equal(
    (await rankedAfter([NURSE, "I work at the Co-op on Saturday mornings"], "where do I work"))[0],
    0,
  );
});
