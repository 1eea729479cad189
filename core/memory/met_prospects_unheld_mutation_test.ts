import assert from "node:assert/strict";
import { meetsProspect } from "./met_prospects.ts";

// Mutation tests of `unheld` (met_prospects.ts): each word of UNHELD, UNHELD_WITH and
// PASSIVE_AUXILIARIES, and the particle the verbs of UNHELD_WITH need (core/memory/HISTORY.md,
// session 49 mut66).

const SCHEDULED = "chantelle has a driving test next week, wish her luck";

Deno.test("meetsProspect: every verb of UNHELD, after every auxiliary of the passive, is not met", () => {
  for (const verb of ["moved", "postponed", "cancelled", "canceled", "rescheduled", "delayed"]) {
    for (const auxiliary of ["got", "was"]) {
      const newer = `the driving test ${auxiliary} ${verb}`;
      assert.equal(meetsProspect(SCHEDULED, newer), false, newer);
    }
    const plural = `the driving tests were ${verb}`;
    assert.equal(meetsProspect(SCHEDULED, plural), false, plural);
  }
});

Deno.test("meetsProspect: every verb of UNHELD_WITH with its particle is not met", () => {
  assert.equal(meetsProspect(SCHEDULED, "the driving test got pushed back"), false);
  assert.equal(meetsProspect(SCHEDULED, "the driving test got put off"), false);
  assert.equal(meetsProspect(SCHEDULED, "I put off the driving test"), false);
  assert.equal(meetsProspect(SCHEDULED, "the driving test got called off"), false);
});

Deno.test("meetsProspect: a verb of UNHELD_WITH without its particle puts nothing off", () => {
  assert.equal(meetsProspect(SCHEDULED, "the driving test was pushed"), true);
  assert.equal(meetsProspect(SCHEDULED, "the driving test got called"), true);
});
