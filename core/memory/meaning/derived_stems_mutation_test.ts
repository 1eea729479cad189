/**
 * Pins of word_relation_data.ts that mutation testing (mut64) found loose: `derivedStems` agrees
 * on the stems' first letters from the first.
 */
import assert from "node:assert/strict";
import { derivedStems } from "./word_relation_data.ts";

Deno.test("derivedStems: the stems agree from their first letter", () => {
  assert.equal(derivedStems("studi", "student"), true);
  assert.equal(derivedStems("studi", "atudent"), false, "all but the first letter agree");
});
