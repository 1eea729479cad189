import assert from "node:assert/strict";
import { endsThingOf, type ThingKinds } from "./ended_things.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

// Mutation tests of ended_things.ts' KIND_SENSE_SIMILARITY bound (core/memory/HISTORY.md,
// session 49 mut66).

const VECTORS = await WordVectors.shared();

/** WordNet's relatives and kinds, with every cosine read as `cosine`. */
function kindsAtCosine(cosine: number): ThingKinds {
  return {
    related: (stem) => VECTORS.related(stem),
    narrower: (stem) => VECTORS.narrower(stem),
    similarity: () => cosine,
  };
}

Deno.test("endsThingOf: a narrower kind at cosine 0.35 exactly is of the head's sense, just below is not", () => {
  const wine = "I drink wine.";
  const ended = "No alcohol at all now.";
  assert.equal(endsThingOf(wine, ended, kindsAtCosine(0.35)), true);
  assert.equal(endsThingOf(wine, ended, kindsAtCosine(0.345)), false);
});
