/**
 * Pins INITIALISM's length bounds in habitual_places.ts (two to five capitals), which mutation
 * testing (mut63) found loose: "MENSA" (five capitals, WordNet's society) is a group one is in;
 * "UNESCO" (six) is read as any other name, a home, though WordNet knows it as an agency.
 */
import assert from "node:assert/strict";
import { namesMembership } from "./habitual_places.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

const WORDS = await WordVectors.shared();

Deno.test("five capitals WordNet knows as no place are a group's initialism", () => {
  assert.ok(namesMembership("I'm in MENSA these days.", WORDS));
});

Deno.test("six capitals are no initialism: read as a home's name", () => {
  assert.ok(!namesMembership("I'm in UNESCO these days.", WORDS));
});
