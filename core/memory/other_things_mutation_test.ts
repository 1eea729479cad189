import assert from "node:assert/strict";
import { otherThingFactor, queryAskedOfNamed } from "./other_things.ts";

Deno.test("otherThingFactor: a question that asks nothing of a named person leaves every line whole", () => {
  assert.equal(otherThingFactor(undefined, "Kenzie's learning Swedish too", undefined), 1);
});

Deno.test("queryAskedOfNamed: a relative of the query's first term, a name, is not asked", () => {
  // Source 0 is the first term ("kenzi"), no phrase's synonym (-1): its relative stands for it.
  const asked = queryAskedOfNamed({
    text: "Kenzie job",
    names: ["kenzi"],
    terms: ["kenzi", "job"],
    frames: new Set(),
    expanded: { terms: ["kenzi", "kenzy", "job"], sources: [0, 0, 1] },
  }, { pool: ["Kenzie job"], answers: undefined });
  assert.deepEqual([...asked!.asked], ["job"]);
});
