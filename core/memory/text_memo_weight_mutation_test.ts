import assert from "node:assert/strict";
import { valueWeight } from "./text_memo.ts";

// An object weighs 16 characters (~32 bytes), each entry it holds 16 / 4 more, and a set's or a
// map's entry a further 16; strings weigh their length; two levels are read, then 16 each.
Deno.test("a value's weight: 16 an object, 4 an entry, 16 more a set's or map's entry, strings their length", () => {
  assert.equal(valueWeight(null), 0);
  assert.equal(valueWeight(7), 0);
  assert.equal(valueWeight("abc"), 3);
  assert.equal(valueWeight([]), 16);
  assert.equal(valueWeight(["ab"]), 16 + 4 + 2);
  assert.equal(valueWeight({ a: "xyz" }), 16 + 4 + 3);
  assert.equal(valueWeight(new Set(["ab"])), 16 + 16 + 4 + 2);
  assert.equal(valueWeight(new Map([["k", "vv"]])), 16 + 16 + (4 + 1) + (4 + 2));
});

Deno.test("a value is weighed two levels deep; below, each object counts 16", () => {
  // [ [ ["deep"] ] ]: the outer two arrays read, the innermost one counted as an object.
  assert.equal(valueWeight([[["deep"]]]), 16 + 4 + (16 + 4 + 16));
  assert.equal(valueWeight([["deep"]]), 16 + 4 + (16 + 4 + 4));
});
