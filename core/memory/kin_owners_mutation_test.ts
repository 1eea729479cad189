import assert from "node:assert/strict";
import { KIN_OTHERS, kinOwnership, othersKinFactor, ownKinAsked } from "./kin_owners.ts";

const NONE: ReadonlySet<string> = new Set();
const NAN = ownKinAsked("where does my nan live");
const MUM = ownKinAsked("what does my mum do");

Deno.test("another person's relative loses a fifth of the score", () => {
  assert.equal(KIN_OTHERS, 0.2);
  assert.equal(othersKinFactor(NAN, "Leah's nan lives in Gorton", NONE), 0.8);
});

Deno.test("a possessive without an apostrophe needs two letters before its 's'", () => {
  assert.equal(othersKinFactor(NAN, "eds nan lives in gorton", new Set(["ed"])), 0.8);
  // "us" is no one's possessive ("u" + "s").
  assert.deepEqual(kinOwnership(NAN, ["tell us nan stories"]), {
    bare: [],
    marked: [],
    others: false,
  });
});

Deno.test("a capitalised possessive counts from the text's second word on", () => {
  assert.equal(othersKinFactor(NAN, "met Leahs nan at bingo", NONE), 0.8);
  assert.equal(othersKinFactor(NAN, "Leahs nan lives in gorton", NONE), 1);
});

Deno.test("'my' or 'our' up to two words before the family word makes it the speaker's", () => {
  assert.ok(ownKinAsked("where does my old nan live").has("nan"));
  assert.ok(ownKinAsked("where does our old nan live").has("nan"));
  assert.equal(ownKinAsked("where does my lovely old nan live").size, 0);
});

Deno.test("the user's relative and a relative's relative are the speaker's family", () => {
  assert.equal(othersKinFactor(MUM, "the users' mum works at a hospice", NONE), 1);
  assert.equal(othersKinFactor(MUM, "Dad's mum is 90", NONE), 1);
  assert.equal(othersKinFactor(MUM, "we saw Dads mum at bingo", NONE), 1);
});

Deno.test("a possessive with an apostrophe of the asked relative: someone else's is said", () => {
  assert.deepEqual(kinOwnership(NAN, ["Leah's nan lives in Gorton"]), {
    bare: [],
    marked: ["leah"],
    others: true,
  });
});

Deno.test("a function word in 's' ('his', 'its') is no one's possessive", () => {
  assert.deepEqual(kinOwnership(MUM, ["his mum is a nurse", "its mum is a cat"]), {
    bare: [],
    marked: [],
    others: false,
  });
});
