/**
 * Boundaries of `relation_ties.ts` that its other tests leave open (mutation testing, session 44):
 * where a frame may stand in the question, what a possessive or a stray word does in a slot, and
 * the gaps and reach of "my best mate at work is X" and "X is my friend".
 */
import assert from "node:assert/strict";
import { askedTies, tiesName, UNTIED, untiedFactor } from "./relation_ties.ts";

const NAMES = ["kirsti", "omar", "theo"];

Deno.test("askedTies finds a frame after other words, and after a wh-word that opens none", () => {
  assert.deepEqual(askedTies("so how do I know Kirsty", NAMES), ["kirsti"]);
  assert.deepEqual(askedTies("and who is Omar", NAMES), ["omar"]);
  // "who knows" has no copula: the scan goes on to the next "who".
  assert.deepEqual(askedTies("who knows? who is Omar", NAMES), ["omar"]);
});

Deno.test("askedTies needs each word of the know frame, and no possessive in its slot", () => {
  // Someone's sister is asked about, not Theo.
  assert.deepEqual(askedTies("how do I know Theo's sister", NAMES), []);
  // A wh-word without the auxiliary, the speaker or the verb opens no frame.
  assert.deepEqual(askedTies("how are you and Theo", NAMES), []);
  assert.deepEqual(askedTies("so yes I know Theo", NAMES), []);
  assert.deepEqual(askedTies("and then they met Theo", NAMES), []);
});

Deno.test("askedTies: only who, what and how open the copula frame", () => {
  assert.deepEqual(askedTies("where is Omar", NAMES), []);
});

Deno.test("tiesName: an own relation right before the copula, or a phrase between them", () => {
  assert.equal(tiesName("my mate is Kirsty", "kirsti"), true);
  assert.equal(tiesName("my boss is Kirsty", "kirsti"), true);
  assert.equal(tiesName("my best mate is Kirsty", "kirsti"), true);
});

Deno.test("tiesName: a mark in the phrase or before the name cuts the copula frames", () => {
  assert.equal(tiesName("my mate, from work, is Kirsty", "kirsti"), false);
  assert.equal(tiesName("my colleague at work: is Kirsty", "kirsti"), false);
  assert.equal(tiesName("my colleague at work is, Kirsty", "kirsti"), false);
  assert.equal(tiesName("Kirsty, is my friend", "kirsti"), false);
  assert.equal(untiedFactor(["kirsti"], "my mate, from work, is Kirsty"), 1 - UNTIED);
  assert.equal(untiedFactor(["kirsti"], "Kirsty, is my friend"), 1 - UNTIED);
});
