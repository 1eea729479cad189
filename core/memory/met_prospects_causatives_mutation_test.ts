import assert from "node:assert/strict";
import { meetsProspect } from "./met_prospects.ts";

const SCHEDULED = "chantelle has a driving test next week, wish her luck";

Deno.test("meetsProspect: only a causative's object is read up to a verb of putting off", () => {
  // "passed" is no causative: the participle after its object describes the test, which was met.
  assert.equal(meetsProspect(SCHEDULED, "she passed the driving test moved from last week"), true);
});
