/**
 * Pins of `value_weight.ts` that the memo weight tests left open, each found by a mutant that
 * passed them (session 40, mut55: core/memory/HISTORY.md).
 */
import assert from "node:assert/strict";
import { valueWeight } from "./value_weight.ts";

Deno.test("below two levels a map's values are read for sets, DEEP_LEVELS (6) levels down", () => {
  // 16 the map, 16 its entry, 16 for each of the set's two entries.
  assert.equal(valueWeight(new Map([["a", new Set([1, 2])]]), 0), 64);
  // Ten sets one inside the next: the outer one and seven levels of entries are counted.
  let nested: Set<unknown> = new Set([1]);
  for (let i = 0; i < 9; i++) nested = new Set([nested]);
  assert.equal(valueWeight(nested, 0), 16 + 7 * 16);
});
