// Tests of mut58's surviving mutant of settled_choices.ts (core/memory/HISTORY.md, "Session 42 —
// mut58"): PARTICLE_REACH 3 was 2, and "picked Aunt Bea up" read as settling on Bea.
import assert from "node:assert/strict";
import { QUESTION_WINDOW } from "./asked_changes.ts";
import { PARTICLE_REACH, settledNames } from "./settled_choices.ts";

Deno.test(`settledNames: an 'up' within PARTICLE_REACH (${PARTICLE_REACH}) words after 'picked' is a fetch, not a choice`, () => {
  assert.equal(PARTICLE_REACH, 3);
  assert.deepEqual(settledNames("Actually we picked Bea in the end"), ["bea"]);
  // A name of one word, or of two (a title and a name, a first and a last name), then "up".
  for (
    const text of [
      "Actually we picked Bea up from the airport",
      "Actually we picked Aunt Bea up from the airport",
      "Actually we picked Bea Lowe up from the airport",
    ]
  ) assert.deepEqual(settledNames(text), [], text);
  // The fourth word after "picked" is another clause's "up": the choice stands.
  assert.deepEqual(settledNames("Actually we picked Bea who was up for it"), ["bea"]);
});

Deno.test("settledNames: each clause is asked about where it stands in the message", () => {
  // Fourteen clauses before the one that settles: a clause's place counts its mark too, or the
  // word of settling is looked for 14 characters early, in "you know?", and read as asked.
  const listed = "Bea, Ife, Sam, Tom, Ann, Jo, Kit, Mo, Al, Di, Ed, Flo, Gus, Hal, you know?";
  assert.deepEqual(settledNames(`${listed} We went with Bea`), ["bea"]);
  // Eight clauses before: two characters a clause early is 16, in "you know?" again.
  assert.deepEqual(settledNames("Bea, Ife, Sam, Tom, Ann, Jo, Kit, you know? We went with Bea"), [
    "bea",
  ]);
  // A question's opening exactly QUESTION_WINDOW characters before its word of settling is read
  // (the comma at 2, "end up" ending at 2 + QUESTION_WINDOW); one word further it is not.
  const asked = `Hi, did we ${"very ".repeat(29)}end up with Bea`;
  assert.equal(asked.indexOf("end up") + "end up".length, 2 + QUESTION_WINDOW);
  assert.deepEqual(settledNames(asked), []);
  assert.deepEqual(settledNames(`Hi, did we ${"very ".repeat(30)}end up with Bea`), ["bea"]);
});

Deno.test("settledNames: a clause denied or asked is passed over; a later one still settles", () => {
  assert.deepEqual(settledNames("We didn't end up with Sam, we went with Bea"), ["bea"]);
  assert.deepEqual(settledNames("Did we end up with Ife? No, we went with Bea"), ["bea"]);
});
