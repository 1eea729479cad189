/**
 * Boundaries of `stem_lookup.ts`'s full forms (mut62): a query's short form of exactly
 * SHORT_FORM_MAX_LETTERS letters is still looked for in a long (indexed) text.
 */
import assert from "node:assert/strict";
import { SHORT_FORM_MAX_LETTERS, SHORT_FORM_SIMILARITY } from "./short_forms.ts";
import { highestByStems, highestOneByOne, INDEXED_FROM } from "./stem_lookup.ts";
import { WordVectors } from "./word_vectors.ts";

Deno.test("a short form of SHORT_FORM_MAX_LETTERS letters finds its full word in an indexed text", async () => {
  const vectors = await WordVectors.shared();
  const names = Array.from({ length: INDEXED_FROM }, (_, i) => `qzn${(i * 7919).toString(36)}`);
  const words = vectors.contentWords(`${names.join(" ")} physiotherapy on Mondays`);
  assert.ok(words.length >= INDEXED_FROM);
  const short = "physioth";
  assert.equal(short.length, SHORT_FORM_MAX_LETTERS);
  const prepared = vectors.prepare(short);
  assert.equal(prepared.unit, undefined);
  assert.equal(highestByStems(prepared, words), SHORT_FORM_SIMILARITY);
  assert.equal(highestOneByOne(prepared, words), SHORT_FORM_SIMILARITY);
});
