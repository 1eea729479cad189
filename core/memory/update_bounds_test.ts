import assert from "node:assert/strict";
import { MEASURED_SUBJECT, SAME_SUBJECT_SHARING } from "./update_bounds.ts";

Deno.test("a change to a new value of what the older measured needs the looser bound in meaning", () => {
  assert.equal(MEASURED_SUBJECT, SAME_SUBJECT_SHARING);
  assert.equal(MEASURED_SUBJECT, 0.25);
});
