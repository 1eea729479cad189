import assert from "node:assert/strict";
import { meetsProspect } from "./met_prospects.ts";
import { type FactThenNewer, rankedFactThenNewer } from "./testing/told_memories.ts";

const SAVING = "im saving up for a steam deck";

Deno.test("meetsProspect: a verb of awaiting refuses only as the past verb itself", () => {
  // Told of the met thing after it: a relative clause, an adverbial.
  assert.equal(meetsProspect("saving for a car", "bought the car I was saving for"), true);
  assert.equal(
    meetsProspect(SAVING, "I bought the steam deck I'd been saving up for since March"),
    true,
  );
  assert.equal(
    meetsProspect("saving for the tickets", "I bought the tickets after queueing"),
    true,
  );
  // The past verb is the verb of awaiting: it tells the awaiting, not the event.
  assert.equal(meetsProspect(SAVING, "saved up for the steam deck"), false);
});

Deno.test("meetsProspect: an event put off or called off is not met", () => {
  const scheduled = "chantelle has a driving test next week, wish her luck";
  assert.equal(meetsProspect(scheduled, "driving test got moved to the 19th of june ugh"), false);
  assert.equal(meetsProspect(scheduled, "the driving test was postponed"), false);
  assert.equal(meetsProspect(scheduled, "the driving test got pushed back a week"), false);
  assert.equal(meetsProspect(scheduled, "the driving test was called off"), false);
  // Past "had been" too (mut66's finding).
  assert.equal(meetsProspect(scheduled, "the driving test had been postponed"), false);
  const interview = "Next Friday I have a job interview";
  assert.equal(meetsProspect(interview, "I cancelled the interview"), false);
  // Held: the event took place.
  assert.equal(meetsProspect(scheduled, "the driving test went fine"), true);
  assert.equal(meetsProspect(interview, "The interview went well"), true);
  // "pushed" and "called" without their particle are no putting off.
  assert.equal(meetsProspect(SAVING, "finally bought the steam deck"), true);
});

Deno.test("meetsProspect: an event had put off by another is not met", () => {
  const interview = "Next Friday I have a job interview";
  assert.equal(meetsProspect(interview, "I had the interview moved to Monday"), false);
  assert.equal(meetsProspect(interview, "I had the job interview rescheduled"), false);
  assert.equal(meetsProspect(interview, "I had it cancelled"), false);
  assert.equal(meetsProspect(interview, "I got the interview pushed back"), false);
  // The deed must follow the causative's object: here "had" tells the event held.
  assert.equal(meetsProspect(interview, "I had the interview and moved on"), true);
  assert.equal(meetsProspect(interview, "I had the interview yesterday"), true);
});

Deno.test("meetsProspect: 'may' after a preposition of time is the month, not the modal", () => {
  assert.equal(meetsProspect(SAVING, "In May I bought the steam deck"), true);
  assert.equal(meetsProspect(SAVING, "in may i finally bought the steam deck"), true);
  assert.equal(meetsProspect(SAVING, "I may have bought the steam deck"), false);
  assert.equal(meetsProspect(SAVING, "This may have bought the steam deck"), false);
});

Deno.test("meetsProspect: a word in '-eed' is no past verb", () => {
  assert.equal(meetsProspect(SAVING, "I need the steam deck"), false);
  assert.equal(meetsProspect(SAVING, "I finally ordered the steam deck"), true);
});

/** A prospect, then the event that meets it with a relative clause of awaiting after the verb. */
const MET: FactThenNewer = {
  fact: "I'm saving for a car, about £3,000 so far.",
  newer: "We finally bought the car we were saving for.",
  query: "how much have I saved for the car",
};

Deno.test(`search: a prospect met comes first: "${MET.newer}" (real SQLite)`, async () => {
  const { fact, newer, top } = await rankedFactThenNewer(MET);
  assert.deepEqual(top.slice(0, 2), [newer, fact]);
});
