// Tests of mut58's surviving mutant of settled_choices.ts (core/memory/HISTORY.md, "Session 42 —
// mut58"): PARTICLE_REACH 3 was 2, and "picked Aunt Bea up" read as settling on Bea.
import assert from "node:assert/strict";
import { QUESTION_WINDOW } from "./asked_changes.ts";
import {
  maySettleAny,
  openOptions,
  PARTICLE_REACH,
  settledNames,
  settlesChoice,
} from "./settled_choices.ts";

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

Deno.test("openOptions: one name with a word of choice leaves no choice open", () => {
  assert.deepEqual(openOptions("Should we ask Bea?"), []);
  assert.deepEqual(openOptions("Should we ask Bea or Ife?"), ["bea", "ife"]);
});

Deno.test("maySettleAny: some text settles on a name another holds open, beyond its own", () => {
  const open = "Should we ask Bea or Ife?";
  // Nothing settled, or a name no text holds open.
  assert.equal(maySettleAny([open]), false);
  assert.equal(maySettleAny([open, "Actually we went with Tom in the end"]), false);
  assert.equal(maySettleAny([open, "Actually we went with Bea in the end"]), true);
  // One of two names settled is held open elsewhere.
  assert.equal(maySettleAny([open, "Actually we went with Tom and Bea in the end"]), true);
  // A text that holds the name open itself and settles on it: another must hold it too.
  const both = "Bea or Ife? Actually we went with Bea";
  assert.equal(maySettleAny([both]), false);
  assert.equal(maySettleAny([open, both]), true);
});

Deno.test("settlesChoice: a decision stored at the same moment as the open choice settles nothing", () => {
  const older = "Should we ask Bea or Ife?";
  const newer = "Actually we went with Bea in the end";
  const at = "2026-01-01T00:00:00.000Z";
  assert.equal(settlesChoice({ older, newer, olderAt: at, newerAt: at }), false);
  assert.equal(
    settlesChoice({ older, newer, olderAt: at, newerAt: "2026-01-01T00:00:00.001Z" }),
    true,
  );
});
