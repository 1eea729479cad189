import assert from "node:assert/strict";
import { changesFact, changesSubjectOf } from "./update_evidence.ts";

Deno.test("changesSubjectOf: a change word the older fact says too tells no change of its subject", () => {
  assert.equal(changesSubjectOf("The bike is red", "I sold the bike"), true);
  assert.equal(changesSubjectOf("The bike is red and I sold it", "I sold the bike"), false);
  assert.equal(changesSubjectOf("The bike is red. I sold it", "I sold the bike"), false);
});

Deno.test("changesFact: a change word the older fact says too tells no change of what it names", () => {
  assert.equal(changesFact("I ride a red bike to work", "I sold the bike"), true);
  assert.equal(changesFact("I ride a red bike to work and sold my car", "I sold the bike"), false);
});
