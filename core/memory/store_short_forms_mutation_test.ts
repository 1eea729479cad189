/**
 * Pins of store_short_forms.ts's `storeShortForms` that mutation testing (mut63) found loose: a
 * clipping passed over (taken, or no short form of the word) leaves the
 * word's later clippings to be read.
 */
import assert from "node:assert/strict";
import { storeShortForms } from "./store_short_forms.ts";
import { stem } from "./text.ts";

/** Word data knowing `known` (folded words and their stems) and nothing else. */
function vectorsKnowing(known: readonly string[]) {
  const words = new Set(known);
  const stems = new Set(known.map(stem));
  return { has: (word: string) => words.has(word), hasStem: (term: string) => stems.has(term) };
}

const physio = { term: "physio", documents: 1 };

Deno.test("a clipping the query took is passed over for the next", () => {
  const found = storeShortForms(["physiotherapy"], {
    clippings: [[{ term: "phys", documents: 5 }, physio]],
    taken: new Set(["phys"]),
  }, vectorsKnowing(["physiotherapy"]));
  assert.deepEqual(found, [{ ...physio, asked: 0 }]);
});

Deno.test("a clipping that is no short form of the word is passed over for the next", () => {
  const found = storeShortForms(["physiotherapy"], {
    clippings: [[{ term: "ph", documents: 5 }, physio]],
    taken: new Set(),
  }, vectorsKnowing(["physiotherapy"]));
  assert.deepEqual(found, [{ ...physio, asked: 0 }]);
});

Deno.test("a clipping kept for one asked word is not kept again for another", () => {
  const found = storeShortForms(["physiotherapy", "physiotherapist"], {
    clippings: [[physio], [physio]],
    taken: new Set(),
  }, vectorsKnowing(["physiotherapy", "physiotherapist"]));
  assert.deepEqual(found, [{ ...physio, asked: 0 }]);
});
