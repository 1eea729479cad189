// Tests of mut58's surviving mutant of settled_choices.ts (core/memory/HISTORY.md, "Session 42 —
// mut58"): PARTICLE_REACH 3 was 2, and "picked Aunt Bea up" read as settling on Bea.
import assert from "node:assert/strict";
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
