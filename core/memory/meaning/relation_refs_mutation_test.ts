import assert from "node:assert/strict";
import { packRelationLines } from "./relation_refs.ts";

Deno.test("the sixth part of a relation line is kept as written, not read as stems", () => {
  const packed = packRelationLines("a b|||||a gloss of a\nb a|||||b's gloss").split("\n");
  assert.ok(packed[0]!.endsWith("|a gloss of a"));
  assert.ok(packed[1]!.endsWith("|b's gloss"));
  assert.equal(packed[0]!.split("|").length, 6);
});
