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

Deno.test("tiesName: 'X is' a determiner or a possessive, then at most one word, then the relation", () => {
  assert.equal(tiesName("Kirsty is a close friend", "kirsti"), true);
  assert.equal(tiesName("Kirsty is an old friend", "kirsti"), true);
  assert.equal(tiesName("Kirsty is Theo's old friend", "kirsti"), true);
  // Two words between, a mark between, or no determiner: no tie.
  assert.equal(tiesName("Kirsty is a dear old friend", "kirsti"), false);
  assert.equal(tiesName("Kirsty is my very big sister", "kirsti"), false);
  assert.equal(tiesName("Kirsty is a dear, friend", "kirsti"), false);
  assert.equal(tiesName("Kirsty is my, friend", "kirsti"), false);
  assert.equal(tiesName("Kirsty is, my friend", "kirsti"), false);
  assert.equal(tiesName("Kirsty is, a friend", "kirsti"), false);
  assert.equal(tiesName("Kirsty is so friend", "kirsti"), false);
  // recall96: his/her/their are determiners too ("Kirsty is her friend" ties).
  assert.equal(tiesName("Kirsty is her friend", "kirsti"), true);
  assert.equal(tiesName("Kirsty is so my friend", "kirsti"), false);
  assert.equal(tiesName("Kirsty is Theo's", "kirsti"), false);
});

Deno.test("tiesName: a meeting needs its verb and a place, and 'X and I met' needs each word", () => {
  assert.equal(tiesName("met Kirsty", "kirsti"), false);
  assert.equal(tiesName("love Kirsty at uni", "kirsti"), false);
  assert.equal(tiesName("Kirsty and I met", "kirsti"), false);
  assert.equal(tiesName("Kirsty and we met", "kirsti"), false);
  assert.equal(tiesName("Kirsty and Dev met at uni", "kirsti"), false);
});

Deno.test("tiesName: the name itself must be tied, not another named relation", () => {
  assert.equal(tiesName("Kirsty, my sister", "kirsti"), true);
  assert.equal(tiesName("my sister Mila and Kirsty", "kirsti"), false);
  assert.equal(tiesName("Karen is my friend and Kirsty", "kirsti"), false);
  // Kirsty's friend is tied to the speaker's sister, not Kirsty.
  assert.equal(tiesName("my sister is Kirsty's friend", "kirsti"), false);
  assert.equal(tiesName("my mate Kirsty's car", "kirsti"), false);
  // Words before the name that share its first letter are passed over.
  assert.equal(tiesName("Kevin met Kirsty at uni", "kirsti"), true);
});

Deno.test("tiesName: an own relation word right before the name, with only a space between", () => {
  assert.equal(tiesName("my mate Kirsty", "kirsti"), true);
  assert.equal(tiesName("our old mate Kirsty", "kirsti"), true);
  assert.equal(tiesName("lunch with my mate. Kirsty rang after", "kirsti"), false);
  assert.equal(tiesName("my mate: Kirsty", "kirsti"), false);
});

Deno.test("untiedFactor: one asked person tied is enough, in either order", () => {
  const line = "my mate is Kirsty and Omar came too";
  assert.equal(untiedFactor(["kirsti", "omar"], line), 1);
  assert.equal(untiedFactor(["omar", "kirsti"], line), 1);
});

Deno.test("askedTies: a wh-word with no copula after it reads no name before it", () => {
  assert.deepEqual(askedTies("Omar. Who?", NAMES), []);
  assert.deepEqual(askedTies("Kirsty! Who", NAMES), []);
});
