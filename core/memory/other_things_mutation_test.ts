import assert from "node:assert/strict";
import { otherThingFactor } from "./other_things.ts";

Deno.test("otherThingFactor: a question that asks nothing of a named person leaves every line whole", () => {
  assert.equal(otherThingFactor(undefined, "Kenzie's learning Swedish too", undefined), 1);
});
