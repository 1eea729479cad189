import assert from "node:assert/strict";
import { changesNamedThing, namedChangeTargets } from "./named_changes.ts";

Deno.test("'now' alone is no word of change acting on a name (a change word of no content)", () => {
  assert.deepEqual(namedChangeTargets("Now the Tesla is parked outside."), []);
  assert.ok(!changesNamedThing("I drive a red Tesla.", "Now the Tesla is parked outside."));
  // A word of change with content does act on it.
  assert.ok(changesNamedThing("I drive a red Tesla.", "I sold the Tesla."));
});
