import assert from "node:assert/strict";
import { meetsProspect } from "./met_prospects.ts";
import { type FactThenNewer, rankedFactThenNewer } from "./testing/told_memories.ts";

const SAVING = "im saving up for a steam deck";

Deno.test("meetsProspect: a negation, 'never' or an intention after the past verb tells of something else", () => {
  for (
    const newer of [
      "I bought the steam deck and I'm going to play it tonight",
      "I bought the steam deck and never played it",
      "I bought the steam deck and don't regret it",
      "I bought the steam deck, not the switch",
      "I bought the steam deck and I'm gonna play all night",
    ]
  ) assert.equal(meetsProspect(SAVING, newer), true, newer);
  // Before the past verb each still denies or intends the event.
  for (
    const newer of [
      "I never bought the steam deck",
      "I'm not going to buy the steam deck",
      "I'm not gonna have bought the steam deck",
      "I haven't bought the steam deck and I won't",
    ]
  ) assert.equal(meetsProspect(SAVING, newer), false, newer);
});

Deno.test("meetsProspect: a verb of awaiting refuses only with a 'for' after it heading the met thing", () => {
  // Told of the met thing after it: a relative clause, an adverbial.
  assert.equal(meetsProspect("saving for a car", "bought the car I was saving for"), true);
  assert.equal(
    meetsProspect(SAVING, "I bought the steam deck I'd been saving up for since May"),
    true,
  );
  assert.equal(
    meetsProspect("saving for the tickets", "I bought the tickets after queueing"),
    true,
  );
  assert.equal(
    meetsProspect("saving for the tickets", "I bought the tickets after queueing for hours"),
    true,
  );
  // The awaiting frame governs the met thing: awaited again.
  for (
    const newer of [
      "saved another £50 for the steam deck",
      "I saved up for the steam deck",
      "I waited in the queue for the steam deck and bought the steam deck",
    ]
  ) assert.equal(meetsProspect(SAVING, newer), false, newer);
  assert.equal(meetsProspect("waiting for the bus", "I waited in the rain for the bus"), false);
});

/** A prospect, then the event that meets it with a clause of awaiting or denial after the verb. */
const MET: FactThenNewer[] = [
  {
    fact: "I'm saving up for a steam deck, got about £180 so far.",
    newer: "Bought the steam deck and I'm going to play it all weekend.",
    query: "how much have I saved for the steam deck",
  },
  {
    fact: "I'm saving for a car, about £3,000 so far.",
    newer: "We finally bought the car we were saving for.",
    query: "how much have I saved for the car",
  },
];

for (const memories of MET) {
  Deno.test(`search: a prospect met comes first: "${memories.newer}" (real SQLite)`, async () => {
    const { fact, newer, top } = await rankedFactThenNewer(memories);
    assert.deepEqual(top.slice(0, 2), [newer, fact]);
  });
}
