/**
 * Pins of word_relation_data.ts that mutation testing (mut64) found loose: `derivedStems` agrees
 * on the stems' first letters from the first, three of them at least, and two equal
 * two-letter stems are none.
 */
import assert from "node:assert/strict";
import { derivedStems } from "./word_relation_data.ts";

Deno.test("derivedStems: the stems agree from their first letter", () => {
  assert.equal(derivedStems("studi", "student"), true);
  assert.equal(derivedStems("studi", "atudent"), false, "all but the first letter agree");
});

Deno.test("derivedStems: three letters agreeing are enough; two are not, even all of both", () => {
  assert.equal(derivedStems("sol", "solar"), true);
  assert.equal(derivedStems("ab", "ab"), false);
});
