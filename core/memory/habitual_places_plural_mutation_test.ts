/**
 * Pins the plural rule of `namesMembership` (habitual_places.ts) that mutation testing (mut63)
 * found loose: the singular checked for a place is the plural less its final "s", not any
 * other slice of the word ("the Players": "layer" is a place by WordNet, "player" is not).
 */
import assert from "node:assert/strict";
import { namesMembership } from "./habitual_places.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

const WORDS = await WordVectors.shared();

Deno.test("a plural of people is a group though a slice of it inside names a place", () => {
  assert.ok(WORDS.isPlace("layer"), "the premise: WordNet's layer is a place");
  assert.ok(namesMembership("I'm in the Players these days.", WORDS));
});

Deno.test("a plural group's name has four letters or more: 'the Sons' is one, 'Pas' is not", () => {
  assert.ok(
    WORDS.isPerson("son") && WORDS.isPerson("pa"),
    "the premise: both singulars are persons",
  );
  assert.ok(namesMembership("I'm in the Sons these days.", WORDS));
  assert.ok(!namesMembership("I'm in the Pas these days.", WORDS));
});
